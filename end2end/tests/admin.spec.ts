import { expect, test } from '@playwright/test';
import { hydrated, mainNav, signIn } from './actions';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
});

test('the committee adds an organisation, and a refused form keeps what was typed', async ({ page }, testInfo) => {
  const name = `UPT Uji ${testInfo.project.name} ${Date.now()}`;
  await hydrated(page);
  await mainNav(page).getByRole('link', { name: 'Organisasi', exact: true }).click();
  await page.getByRole('link', { name: 'Tambah organisasi' }).click();
  await expect(page).toHaveURL(/\/admin\/organisations\/new$/);
  // A name already in use is refused beside the field; the chosen kind stays.
  await page.getByLabel('Nama').fill('Puskesmas Janti');
  await page.getByLabel('Jenis').selectOption('upt');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Sudah dipakai; gunakan nilai lain.')).toBeVisible();
  await expect(page.getByLabel('Nama')).toHaveValue('Puskesmas Janti');
  await expect(page.getByLabel('Jenis')).toHaveValue('upt');

  await page.getByLabel('Nama').fill(name);
  await page.getByLabel('Induk').selectOption({ label: 'Dinas Kesehatan Kota Malang' });
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page).toHaveURL(/\/admin\/organisations\?saved=1$/);
  const row = page.getByTestId('organisations').getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Dinas Kesehatan Kota Malang');
});

test('the committee imports organisations from CSV, all rows or none', async ({ page }, testInfo) => {
  const suffix = `${testInfo.project.name} ${Date.now()}`;
  await hydrated(page);
  await mainNav(page).getByRole('link', { name: 'Organisasi', exact: true }).click();
  await page.getByRole('link', { name: 'Impor dari CSV' }).click();
  await expect(page).toHaveURL(/\/admin\/organisations\/import$/);
  await page.getByLabel('Isi CSV').fill(`name,kind,parent\nSDN Uji ${suffix},sekolah,Dinas Pendidikan dan Kebudayaan Kota Malang\nX ${suffix},planet,\n`);
  await page.getByRole('button', { name: 'Impor' }).click();
  await expect(page.getByTestId('row-errors')).toContainText('Baris 3');
  await expect(page.getByLabel('Isi CSV')).toHaveValue(/planet/);

  await page.getByLabel('Isi CSV').fill(`name,kind,parent\nSDN Uji ${suffix},sekolah,Dinas Pendidikan dan Kebudayaan Kota Malang\nSMP Uji ${suffix},sekolah,SDN Uji ${suffix}\n`);
  await page.getByRole('button', { name: 'Impor' }).click();
  await expect(page.getByTestId('import-done')).toContainText('2 organisasi');
});

test('the committee creates an edition and edits its proposal form; a bad slug or key is explained beside the field', async ({ page }, testInfo) => {
  const slug = `kipp-uji-${testInfo.project.name}-${Date.now()}`;
  await hydrated(page);
  await mainNav(page).getByRole('link', { name: 'Edisi', exact: true }).click();
  await page.getByRole('link', { name: 'Buat edisi' }).click();
  await expect(page).toHaveURL(/\/admin\/editions\/new$/);
  await page.getByLabel('Slug').fill('KIPP Uji');
  await page.getByLabel('Tahun').fill('2027');
  await page.getByLabel('Judul').fill('KIPP Uji Coba 2027');
  await page.getByRole('textbox', { name: 'Kategori', exact: true }).fill('kesehatan: Kesehatan\nPendidikan');
  await page.getByRole('button', { name: 'Buat edisi' }).click();
  await expect(page.getByText('Gunakan huruf kecil, angka, dan tanda hubung')).toBeVisible();
  await expect(page.getByLabel('Judul')).toHaveValue('KIPP Uji Coba 2027');

  await page.getByLabel('Slug').fill(slug);
  await page.getByRole('button', { name: 'Buat edisi' }).click();
  await expect(page.getByTestId('edition-created')).toContainText(slug);

  // Its proposal form starts as the national one (14 sections); a new section is
  // added in the first blank row, and a bad key is explained beside the field
  // with the typed heading kept.
  await page.getByTestId('edition').filter({ hasText: slug }).getByTestId('edit-template').click();
  await expect(page.getByTestId('template-form')).toBeVisible();
  const blank = page.getByTestId('template-row').filter({ hasText: 'Bagian baru' }).first();
  await blank.getByLabel('Kunci').fill('Dampak Warga');
  await blank.getByLabel('Judul bagian').fill('Dampak bagi warga');
  await blank.getByLabel('Batas kata').fill('150');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('template-form')).toContainText('huruf kecil, angka, dan garis bawah');
  await expect(page.getByTestId('template-form').getByLabel('Judul bagian').nth(14)).toHaveValue('Dampak bagi warga');
  await page.getByTestId('template-form').getByLabel('Kunci').nth(14).fill('dampak_warga');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByTestId('template-saved')).toBeVisible();
  await expect(page.getByTestId('template-form').getByLabel('Judul bagian').nth(14)).toHaveValue('Dampak bagi warga');
});
