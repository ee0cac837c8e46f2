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
  const title = (await candidate.getByRole('heading').first().textContent())!.trim();
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

test('the committee sends an entry on, sees what its package lacks, and downloads the PDF, the zip and the summary', async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'it changes what last year\'s edition sends on: the desktop project runs it once');
  test.setTimeout(90_000);
  const { published } = await editionSlugs(request);
  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(`/admin/editions/${published}/onward`);

  // A winner is sent on by default, its package checked against the national form.
  const winner = page.locator('[data-test="send-on"][data-sent="true"]').first();
  await expect(winner.locator('[data-test="package-ready"], [data-test="package-problems"]')).toBeVisible();
  const pdf = await page.request.get((await winner.getByTestId('package-pdf').getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const bytes = await pdf.body();
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const zip = await page.request.get((await winner.getByTestId('package-zip').getAttribute('href'))!);
  expect(zip.status()).toBe(200);
  expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');
  // Nobody signed in gets it.
  expect((await request.get((await winner.getByTestId('package-pdf').getAttribute('href'))!)).status()).toBe(401);

  const summary = async () => {
    const answer = await page.request.get((await page.getByTestId('package-summary').getAttribute('href'))!);
    expect(answer.status()).toBe(200);
    return (await answer.text()).trim().split('\n').length - 1;
  };
  const sentBefore = await summary();
  expect(sentBefore).toBe(await page.locator('[data-test="send-on"][data-sent="true"]').count());

  // A winner the committee does not send after all, then sends again.
  const card = page.getByTestId('onward-candidate').filter({ has: page.getByTestId('package-pdf') }).last();
  const title = (await card.getByRole('heading').first().textContent())!.trim();
  const same = page.getByTestId('onward-candidate').filter({ hasText: title });
  await same.getByTestId('pick-onward').click();
  await expect(page.getByTestId('onward-notice')).toBeVisible();
  await expect(same.locator('[data-test="send-on"]')).toHaveAttribute('data-sent', 'false');
  await expect(same.getByTestId('package-pdf')).toHaveCount(0);
  expect(await summary()).toBe(sentBefore - 1);

  await same.getByTestId('pick-onward').click();
  await expect(same.locator('[data-test="send-on"]')).toHaveAttribute('data-sent', 'true');
  await expect(same.getByTestId('package-pdf')).toBeVisible();
  expect(await summary()).toBe(sentBefore);
});
