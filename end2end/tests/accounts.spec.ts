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
  const href = await mailedLinkFor(email);

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

test('a person chooses the language of their messages and turns off news they do not need', async ({ page }, testInfo) => {
  // Each project its own person, one no other test reads the mail of.
  const person = {
    desktop: 'inovator.bpbd@juara.test',
    tablet: 'koordinator.dishub@juara.test',
    'no-javascript': 'inovator.dinsos@juara.test',
  }[testInfo.project.name]!;
  await signIn(page, person);
  await expect(page.getByTestId('account-link')).toBeVisible();
  if (testInfo.project.name !== 'no-javascript') await hydrated(page);
  await page.getByTestId('account-link').click();
  await expect(page).toHaveURL(/\/account$/);
  const form = page.getByTestId('mail-settings');
  await expect(form.getByTestId('account-email')).toHaveText(person);
  await form.getByLabel('English').check();
  await form.getByTestId('receive-entry_submitted').uncheck();
  await form.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('account-saved')).toBeVisible();

  // Read back from the server, not from the form left on screen.
  await page.goto('/account');
  await expect(form.getByLabel('English')).toBeChecked();
  await expect(form.getByTestId('receive-entry_submitted')).not.toBeChecked();
  await expect(form.getByTestId('receive-entry_endorsed')).toBeChecked();
});
