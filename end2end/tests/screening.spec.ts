import { expect, test } from '@playwright/test';
import { openEditionSetup, signIn, signOut } from './actions';

test('the committee screens submitted entries and the organisation reads the outcome and reason', async ({ page, request }) => {
  const editions: { slug: string }[] = await (await request.get('/api/v1/editions')).json();
  const slug = editions.find((edition) => edition.slug.startsWith('kipp-rintisan-'))!.slug;
  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
  await openEditionSetup(page, slug);
  await page.getByTestId('open-screening').click();
  const dinoyo = page.locator('[data-test="screening-entry"][data-entry="rintisan-antrean-dinoyo"]');
  await expect(dinoyo).toBeVisible();

  // Passing needs every checklist item; failing needs a reason.
  await dinoyo.getByRole('checkbox').first().uncheck();
  await dinoyo.getByTestId('screen-pass').click();
  await expect(dinoyo).toContainText('Centang semua butir');
  await dinoyo.getByLabel('Alasan (wajib bila tidak lolos)').fill('Inovasi baru berjalan 10 bulan; syarat minimal 1 tahun.');
  await dinoyo.getByTestId('screen-fail').click();
  await expect(page.locator('[data-entry="rintisan-antrean-dinoyo"]').getByTestId('screening-state')).toContainText('Tidak lolos');

  // The organisation reads it in the entry's history.
  await signOut(page);
  await signIn(page, 'koordinator.pkm-dinoyo@juara.test');
  await expect(page).toHaveURL(/\/entrant$/);
  await page.goto('/entrant/entry/rintisan-antrean-dinoyo');
  await expect(page.getByTestId('entry-history')).toContainText('Tidak lolos seleksi administrasi');
  await expect(page.getByTestId('entry-history')).toContainText('syarat minimal 1 tahun');

  // A correction: the committee passes it after all, every item ticked.
  await signOut(page);
  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
  await openEditionSetup(page, slug);
  await page.getByTestId('open-screening').click();
  const again = page.locator('[data-test="screening-entry"][data-entry="rintisan-antrean-dinoyo"]');
  // The page is drawn once its entries arrive: tick the boxes it then shows.
  await expect(again.getByRole('checkbox').first()).toBeVisible();
  for (const box of await again.getByRole('checkbox').all()) {
    await box.check();
  }
  await again.getByTestId('screen-pass').click();
  await expect(page.locator('[data-entry="rintisan-antrean-dinoyo"]').getByTestId('screening-state')).toHaveText('Lolos administrasi');
});
