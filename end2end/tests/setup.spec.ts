import { expect, test } from '@playwright/test';
import { hydrated, mainNav, signIn } from './actions';

test('the committee configures a new edition: settings, then a stage with its rubric, each problem beside its field', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
  const slug = `kipp-atur-${testInfo.project.name}-${Date.now()}`;
  await hydrated(page);
  await mainNav(page).getByRole('link', { name: 'Edisi', exact: true }).click();
  await page.getByRole('link', { name: 'Buat edisi' }).click();
  await expect(page).toHaveURL(/\/admin\/editions\/new$/);
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Tahun').fill('2027');
  await page.getByLabel('Judul').fill('KIPP Atur 2027');
  await page.getByRole('textbox', { name: 'Kategori', exact: true }).fill('kesehatan: Kesehatan\nPendidikan');
  await page.getByRole('button', { name: 'Buat edisi' }).click();
  await expect(page.getByTestId('edition-created')).toContainText(slug);
  await page.getByTestId('edition').filter({ hasText: slug }).getByTestId('edition-setup').click();
  await expect(page.getByTestId('settings-form')).toBeVisible();

  // Settings: a quota line that cannot be read is explained; what was typed stays.
  const settings = page.getByTestId('settings-form');
  await settings.getByLabel('Pendaftaran dibuka').fill('2027-01-04T08:00');
  await settings.getByLabel('Pendaftaran ditutup').fill('2027-02-26T16:00');
  await settings.getByLabel('Kuota').fill('* umum 2\nbumd umum tiga');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(settings).toContainText('Baris 2 harus berbentuk');
  await expect(settings.getByLabel('Kuota')).toHaveValue('* umum 2\nbumd umum tiga');
  await settings.getByLabel('Kuota').fill('* umum 2\nbumd umum 3');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('setup-saved')).toContainText('Pengaturan tersimpan');
  await expect(page.getByTestId('settings-form').getByLabel('Kuota')).toHaveValue('* umum 2\nbumd umum 3');

  // A desk stage on the national rubric, with one weight changed: 110 %.
  await page.getByTestId('add-stage').click();
  const form = page.getByTestId('stage-form');
  await expect(form).toBeVisible();
  await form.locator('#field-key').fill('desk');
  await form.locator('#field-title').fill('Penilaian proposal');
  await form.locator('#field-opens').fill('2027-03-01T08:00');
  await form.locator('#field-closes').fill('2027-03-12T16:00');
  if (testInfo.project.name !== 'no-javascript') {
    // The preview follows typing once the page is interactive.
    await expect(form).toHaveAttribute('data-hydrated', 'true');
  }
  await page.getByTestId('criterion-row').first().getByLabel('Bobot %').fill('30');
  if (testInfo.project.name !== 'no-javascript') {
    // The preview adds the weights up as they are typed.
    await expect(page.getByTestId('weights-sum')).toHaveAttribute('data-total', '110');
  }
  await page.getByRole('button', { name: 'Simpan tahap' }).click();
  await expect(page.getByTestId('rubric-error')).toContainText('sekarang 110%');
  await expect(page.getByTestId('criterion-row').first().getByLabel('Bobot %')).toHaveValue('30');
  await page.getByTestId('criterion-row').first().getByLabel('Bobot %').fill('20');
  await page.getByRole('button', { name: 'Simpan tahap' }).click();
  await expect(page.getByTestId('setup-saved')).toContainText('desk');
  await expect(page.getByTestId('stage-list')).toContainText('Penilaian proposal');

  // A second stage whose window overlaps the first is refused beside its dates.
  await page.getByTestId('add-stage').click();
  await expect(form).toBeVisible();
  await form.locator('#field-key').fill('presentasi');
  await form.locator('#field-title').fill('Presentasi');
  await form.locator('#field-opens').fill('2027-03-10T08:00');
  await form.locator('#field-closes').fill('2027-03-20T16:00');
  await page.getByRole('button', { name: 'Simpan tahap' }).click();
  await expect(form).toContainText('bertumpang tindih dengan tahap “desk”');
  await form.locator('#field-opens').fill('2027-03-15T08:00');
  await page.getByRole('button', { name: 'Simpan tahap' }).click();
  await expect(page.getByTestId('setup-saved')).toContainText('presentasi');
  await expect(page.getByTestId('edit-stage')).toHaveCount(2);
});
