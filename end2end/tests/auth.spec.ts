import { expect, test } from '@playwright/test';
import { hydrated, mainNav, signIn, signOut } from './actions';

const roles = [
  { role: 'admin', email: 'panitia@juara.test', path: '/admin', home: 'role-home-admin' },
  { role: 'observer', email: 'inspektorat@juara.test', path: '/admin', home: 'role-home-admin' },
  { role: 'coordinator', email: 'koordinator.dinkes@juara.test', path: '/entrant', home: 'role-home-entrant' },
  { role: 'innovator', email: 'inovator.janti@juara.test', path: '/entrant', home: 'role-home-entrant' },
  { role: 'judge', email: 'juri1@juara.test', path: '/judge', home: 'role-home-judge' },
];

for (const { role, email, path, home } of roles) {
  test(`the demo ${role} signs in and lands on their page`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByTestId(home)).toBeVisible();
    await expect(page.getByTestId('user-chip')).toBeVisible();
  });
}

test('the observer reads the committee page but is told it is read only', async ({ page }) => {
  await signIn(page, 'inspektorat@juara.test');
  await expect(page.getByTestId('observer-note')).toBeVisible();
  await hydrated(page);
  await mainNav(page).getByRole('link', { name: 'Organisasi', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/organisations$/);
  await expect(page.getByTestId('organisations')).toContainText('Puskesmas Janti');
  await expect(page.getByRole('link', { name: 'Tambah organisasi' })).toHaveCount(0);
});

test('a wrong password is refused with one message and the page stays', async ({ page }) => {
  await signIn(page, 'panitia@juara.test', 'not-the-password');
  await expect(page.getByTestId('form-error')).toContainText('Email atau kata sandi salah');
  await expect(page).toHaveURL(/\/login/);
  // What was typed stays (the password is never sent back).
  await expect(page.getByLabel('Email')).toHaveValue('panitia@juara.test');
  // An unknown account gets exactly the same message.
  await signIn(page, 'nobody@juara.test', 'not-the-password');
  await expect(page.getByTestId('form-error')).toContainText('Email atau kata sandi salah');
});

test('an anonymous visitor is sent to sign in, then back where they were going', async ({ page }) => {
  await page.goto('/admin/organisations');
  await expect(page).toHaveURL(/\/login\?next=\/admin\/organisations/);
  await page.getByLabel('Email').fill('panitia@juara.test');
  await page.getByLabel('Kata sandi').fill('juara-demo-2026');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/admin\/organisations$/);
  await expect(page.getByTestId('organisations')).toContainText('Puskesmas Janti');
});

test('a judge opening the committee page gets a 403 page', async ({ page }) => {
  await signIn(page, 'juri1@juara.test');
  await expect(page).toHaveURL(/\/judge$/);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
});

test('signing out ends the session', async ({ page }) => {
  await signIn(page, 'juri1@juara.test');
  await expect(page).toHaveURL(/\/judge$/);
  await signOut(page);
  await page.goto('/judge');
  await expect(page).toHaveURL(/\/login\?next=\/judge/);
});

test('the language switch turns the interface into English and back', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'EN' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Juara' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: 'ID' }).click();
  await expect(page.getByRole('heading', { name: 'Masuk ke Juara' })).toBeVisible();
});

test('the home page shows the current edition and its timeline', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('edition-hero')).toContainText('Kompetisi Inovasi Pelayanan Publik Kota Malang');
  await expect(page.getByTestId('timeline').locator('[aria-current="step"]')).toContainText('Penilaian proposal');
});

test('an unknown address gets the 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toBeVisible();
});
