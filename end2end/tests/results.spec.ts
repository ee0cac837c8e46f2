import { expect, test } from '@playwright/test';
import { editionSlugs as slugs, signIn } from './actions';

test('anyone reads last year\'s published results, complete without scripts', async ({ page, request }) => {
  const { published, current } = await slugs(request);
  await page.goto('/');
  await page.getByTestId('published-results').getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/editions/${published}/results$`));
  await expect(page.getByTestId('results-title')).toContainText('Hasil Kompetisi Inovasi');
  // One final table per category, winners first; every stage's table below.
  await expect(page.getByTestId('final-results').first().locator('tbody tr').first()).toContainText(/^1/);
  expect(await page.getByTestId('stage-results').count()).toBeGreaterThan(0);
  // The open data matches what the page shows.
  const api = await request.get(`/api/v1/editions/${published}/results`);
  expect(api.status()).toBe(200);
  const document = await api.json();
  await expect(page.getByTestId('final-results').first()).toContainText(document.final[0].title);

  // This year's results are not published: neither page nor API has them.
  const response = await page.goto(`/editions/${current}/results`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('not-published')).toBeVisible();
  expect((await request.get(`/api/v1/editions/${current}/results`)).status()).toBe(404);
});

test('the committee watches a stage live while two judges submit, decides who advances and publishes', async ({ browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'it changes the demo edition: the desktop project runs it once');
  // Three browsers and a dozen page loads of the debug build's wasm.
  test.setTimeout(120_000);
  const { current } = await slugs(request);
  const committee = await (await browser.newContext()).newPage();
  await signIn(committee, 'panitia@juara.test');
  await expect(committee).toHaveURL(/\/admin$/);
  await committee.goto(`/admin/editions/${current}/stages/desk`);
  await expect(committee.getByTestId('live-status')).toHaveAttribute('data-live', 'true');
  await expect(committee.getByTestId('heat-map')).toBeVisible();
  const progress = committee.getByTestId('stage-progress');
  const before = Number(await progress.getAttribute('data-submitted'));
  // Marks this very page: a reload would lose the mark.
  await committee.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));

  // Two judges, each in their own browser, submit a sheet.
  for (const email of ['juri2@juara.test', 'juri4@juara.test']) {
    const judge = await (await browser.newContext()).newPage();
    await signIn(judge, email);
    await judge.getByTestId('assignments').first().getByTestId('open-sheet').first().click();
    await expect(judge.locator('[data-ready="true"]')).toBeVisible();
    for (const key of ['kebaruan', 'efektivitas', 'kemanfaatan', 'replikasi', 'keberlanjutan']) {
      await judge.getByTestId(`criterion-${key}`).getByRole('spinbutton').fill('75');
    }
    await judge.getByRole('button', { name: 'Kirim nilai' }).click();
    await expect(judge.getByTestId('sync-state')).toHaveAttribute('data-sync', 'saved');
  }

  // The dashboard shows it without a reload.
  await expect(progress).toHaveAttribute('data-submitted', String(before + 2));
  expect(await committee.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);

  // Advancing with sheets still missing is refused until acknowledged.
  await committee.goto((await committee.getByTestId('open-advance').getAttribute('href'))!);
  await expect(committee.getByTestId('unsubmitted-warning')).toBeVisible();
  await committee.getByRole('button', { name: 'Tetapkan keputusan' }).click();
  await expect(committee.getByRole('alert').filter({ hasText: 'belum dikirim' }).first()).toBeVisible();
  await committee.getByTestId('despite-unsubmitted').check();
  await committee.getByRole('button', { name: 'Tetapkan keputusan' }).click();
  await expect(committee.getByTestId('advanced-done')).toBeVisible();

  // Publish the desk stage's results: the public page and the API show them.
  await committee.goto(`/admin/editions/${current}/results`);
  await committee.getByTestId('publish-desk').click();
  await expect(committee.getByTestId('results-notice')).toContainText('Hasil diumumkan');
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/editions/${current}/results`);
  await expect(reader.getByTestId('results-title')).toBeVisible();
  await expect(reader.getByTestId('stage-results').first()).toContainText('Lolos');
  expect((await request.get(`/api/v1/editions/${current}/results`)).status()).toBe(200);

  // Publishing the same again is refused; withdrawing takes it off the public page.
  await committee.getByTestId('publish-desk').click();
  await expect(committee.getByTestId('form-error').first()).toContainText('sudah diumumkan');
  await committee.getByTestId('withdraw').first().click();
  await expect(committee.getByTestId('results-notice')).toContainText('ditarik');
  const gone = await reader.goto(`/editions/${current}/results`);
  expect(gone?.status()).toBe(404);
});
