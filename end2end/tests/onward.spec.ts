import { expect, test } from '@playwright/test';
import { editionSlugs, signIn } from './actions';

test('the committee records a winner\'s national award; the catalogue shows it, and removing it takes it off', async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'it changes last year\'s award history: the desktop project runs it once');
  test.setTimeout(90_000);
  const { published } = await editionSlugs(request);
  const nationally = async () => {
    const found = await request.get('/innovations?award=nasional');
    expect(found.status()).toBe(200);
    return ((await found.text()).match(/data-test="card-reached"/g) ?? []).length;
  };
  const before = await nationally();

  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(`/admin/editions/${published}/results`);
  await page.getByTestId('open-onward').click();
  await expect(page).toHaveURL(new RegExp(`/admin/editions/${published}/onward$`));
  // A winner with nothing recorded yet.
  const candidate = page.getByTestId('onward-candidate').filter({ hasText: 'Belum ada capaian yang dicatat' }).first();
  const title = (await candidate.getByRole('heading').textContent())!.trim();
  const card = page.getByTestId('onward-candidate').filter({ hasText: title });
  const form = card.getByTestId('record-onward-form');
  await form.getByLabel('Tingkat').selectOption({ label: 'tingkat nasional' });

  // Only blanks for the award: refused beside the field, nothing recorded.
  await form.getByLabel('Penghargaan').fill('   ');
  await form.getByTestId('record-onward').click();
  await expect(form.locator('.field-error')).toBeVisible();
  expect(await nationally()).toBe(before);

  await form.getByLabel('Penghargaan').fill('Outstanding Achievement');
  await form.getByTestId('record-onward').click();
  await expect(page.getByTestId('onward-notice')).toBeVisible();
  await expect(card.getByTestId('onward-outcomes')).toContainText('Outstanding Achievement — tingkat nasional');
  expect(await nationally()).toBe(before + 1);

  await card.getByTestId('remove-onward').click();
  await expect(page.getByTestId('onward-notice')).toBeVisible();
  await expect(card.getByTestId('onward-outcomes')).toHaveCount(0);
  expect(await nationally()).toBe(before);
});
