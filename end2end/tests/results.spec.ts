import { expect, test, type Browser, type Page } from '@playwright/test';
import { editionSlugs as slugs, openDeskDashboard, signIn } from './actions';

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

test('the committee watches a stage live while two judges submit, closes it, decides who advances and publishes', async ({ browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'it changes the demo edition: the desktop project runs it once');
  // Three browsers and a dozen page loads of the debug build's wasm.
  test.setTimeout(150_000);
  const { current } = await slugs(request);
  const committee = await (await browser.newContext()).newPage();
  await signIn(committee, 'panitia@juara.test');
  await expect(committee).toHaveURL(/\/admin$/);
  await openDeskDashboard(committee, current);
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
    await judge.context().close();
  }

  // The dashboard shows it without a reload.
  await expect(progress).toHaveAttribute('data-submitted', String(before + 2));
  expect(await committee.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);

  // The organisations follow their entries: the Dinas Kesehatan's coordinator
  // sees its own and its units' entries of this year, those in assessment first.
  const entrant = await (await browser.newContext()).newPage();
  await signIn(entrant, 'koordinator.dinkes@juara.test');
  await expect(entrant).toHaveURL(/\/entrant$/);
  const assessing = await entrantView(entrant, current);
  const inDesk = Object.keys(assessing).filter((title) => assessing[title] === 'Lolos administrasi');
  expect(inDesk.length, JSON.stringify(assessing)).toBeGreaterThan(0);

  // The window is still open, so judges may still change their scores: the
  // advancement page says so, and deciding is refused until the stage is closed.
  const stageForm = `/admin/editions/${current}/setup/stages/desk`;
  const closesAt = await stageWindowEnd(browser, stageForm);
  try {
    await committee.getByTestId('open-advance').click();
    await expect(committee.getByTestId('stage-open')).toBeVisible();
    await expect(committee.getByTestId('unsubmitted-warning')).toBeVisible();
    await committee.getByTestId('despite-unsubmitted').check();
    await committee.getByRole('button', { name: 'Tetapkan keputusan' }).click();
    await expect(committee.getByTestId('advance-form').getByTestId('form-error')).toContainText('masih dapat mengubah nilai');
    await expect(committee).toHaveURL(/\/advance$/);

    // Closed now: judges can no longer save, and the page comes back for the decision.
    await committee.getByTestId('close-early-form').getByRole('button', { name: 'Tutup tahap sekarang' }).click();
    await expect(committee).toHaveURL(/\/advance\?closed=1$/);
    await expect(committee.getByTestId('stage-open')).toHaveCount(0);

    // Advancing with sheets still missing is refused until acknowledged.
    await expect(committee.getByTestId('unsubmitted-warning')).toBeVisible();
    await committee.getByRole('button', { name: 'Tetapkan keputusan' }).click();
    await expect(committee.getByRole('alert').filter({ hasText: 'belum dikirim' }).first()).toBeVisible();
    await committee.getByTestId('despite-unsubmitted').check();
    await committee.getByRole('button', { name: 'Tetapkan keputusan' }).click();
    await expect(committee.getByTestId('advanced-done')).toBeVisible();

    // Decided but not published: the organisations still read "in assessment".
    expect(await entrantView(entrant, current)).toEqual(assessing);

    // Publish the desk stage's results: the public page and the API show them.
    await committee.getByRole('link', { name: 'Hasil dan pengumuman' }).first().click();
    await committee.getByTestId('publish-desk').click();
    await expect(committee.getByTestId('results-notice')).toContainText('Hasil diumumkan');
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`/editions/${current}/results`);
    await expect(reader.getByTestId('results-title')).toBeVisible();
    await expect(reader.getByTestId('stage-results').first()).toContainText('Lolos');
    expect((await request.get(`/api/v1/editions/${current}/results`)).status()).toBe(200);
    // Published: each organisation reads its entries' outcome.
    const told = await entrantView(entrant, current);
    for (const title of inDesk) {
      expect(['Lanjut ke tahap berikut', 'Tidak lanjut'], title).toContain(told[title]);
    }

    // Publishing the same again is refused; withdrawing takes it off the public page.
    await committee.getByTestId('publish-desk').click();
    await expect(committee.getByTestId('form-error').first()).toContainText('sudah diumumkan');
    await committee.getByTestId('withdraw').first().click();
    await expect(committee.getByTestId('results-notice')).toContainText('ditarik');
    const gone = await reader.goto(`/editions/${current}/results`);
    expect(gone?.status()).toBe(404);
    // Withdrawn: the outcome is no longer told either.
    expect(await entrantView(entrant, current)).toEqual(assessing);
  } finally {
    // The other projects' judges score this stage after this test: its window
    // is given back as the demo had it.
    await setStageWindowEnd(browser, stageForm, closesAt);
  }
});

/** The entries of edition `current` on a coordinator's list: title → state as shown. */
async function entrantView(page: Page, current: string): Promise<Record<string, string>> {
  await page.goto('/entrant');
  const rows = page.getByTestId('entries').locator('tbody tr').filter({ hasText: current });
  await expect(rows.first()).toBeVisible();
  const pairs = await rows.evaluateAll((rows) =>
    rows.map((row) => {
      const cells = row.querySelectorAll('td');
      return [cells[0].textContent!.trim(), cells[cells.length - 1].textContent!.trim()];
    }),
  );
  return Object.fromEntries(pairs);
}

/** The end of a stage's window as its form shows it (committee's session). */
async function stageWindowEnd(browser: Browser, stageForm: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(stageForm);
  const closes = await page.getByTestId('stage-form').locator('#field-closes').inputValue();
  expect(closes).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d/);
  await context.close();
  return closes;
}

/** Sets the end of a stage's window through its form. */
async function setStageWindowEnd(browser: Browser, stageForm: string, closes: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(stageForm);
  await page.getByTestId('stage-form').locator('#field-closes').fill(closes);
  await page.getByRole('button', { name: 'Simpan tahap' }).click();
  await expect(page.getByTestId('setup-saved')).toContainText('desk');
  await context.close();
}
