import { expect, test } from '@playwright/test';
import { hydrated, mailedLinkFor, mainNav, signIn } from './actions';

test('the committee creates an account; the person sets their own password from the one-time link and signs in', async ({ page, browser }, testInfo) => {
  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
  await hydrated(page);
  await mainNav(page).getByRole('link', { name: 'Akun', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/accounts$/);
  const email = `juri.baru.${testInfo.project.name}.${Date.now()}@juara.test`;
  const form = page.getByTestId('account-form');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Nama').fill('Juri Baru');
  // No role: refused beside the roles, the e-mail kept.
  await form.getByRole('button', { name: 'Buat dan undang' }).click();
  await expect(form).toContainText('Wajib diisi');
  await expect(form.getByLabel('Email')).toHaveValue(email);
  await form.getByLabel('Juri').check();
  await form.getByRole('button', { name: 'Buat dan undang' }).click();
  // The committee never sees the link: it goes to the person, by e-mail.
  await expect(page.getByTestId('invite-sent')).toContainText(email);
  await expect(page.locator('a[href*="/invite/"]')).toHaveCount(0);
  const href = await mailedLinkFor(page, email);

  // The invited person, in their own browser.
  const invited = await (await browser.newContext()).newPage();
  await invited.goto(href);
  await invited.getByLabel('Kata sandi baru').fill('juri baru yang teliti');
  await invited.getByLabel('Ulangi kata sandi').fill('juri baru yang teliti');
  await invited.getByRole('button', { name: 'Simpan dan masuk' }).click();
  await expect(invited.getByTestId('password-set')).toBeVisible();
  await invited.getByLabel('Kata sandi').fill('juri baru yang teliti');
  await invited.getByRole('button', { name: 'Masuk' }).click();
  await expect(invited).toHaveURL(/\/judge$/);

  // The link worked once.
  const again = await invited.goto(href);
  expect(again?.status()).toBe(404);
  await expect(invited.getByTestId('invite-expired')).toBeVisible();
});
