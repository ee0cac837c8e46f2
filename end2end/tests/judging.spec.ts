import { expect, test } from '@playwright/test';
import { SHEET_RETRY_MS, cspViolations, editionSlugs, mainNav, openDeskDashboard, signIn } from './actions';

test('a judge scores an entry by touch: the total updates live and the sheet is submitted', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'no-javascript', 'the score sheet sends revisions from the browser');
  const violations = cspViolations(page);
  await signIn(page, 'juri2@juara.test');
  await expect(page).toHaveURL(/\/judge$/);
  // The first entry still to score.
  await page.getByTestId('assignments').first().getByTestId('open-sheet').first().click();
  await expect(page.getByTestId('scoring-page')).toBeVisible();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();

  const criteria = ['kebaruan', 'efektivitas', 'kemanfaatan', 'replikasi', 'keberlanjutan'];
  for (const key of criteria) {
    await page.getByTestId(`criterion-${key}`).getByRole('spinbutton').fill('80');
  }
  await expect(page.getByTestId('live-total')).toContainText('80.00');
  // The stepper honours the step: one tap up on one criterion (20 %) adds 0.2.
  await page.getByTestId('criterion-kebaruan').getByRole('button', { name: /Tambah/ }).click();
  await expect(page.getByTestId('criterion-kebaruan').getByRole('spinbutton')).toHaveValue('81');
  await expect(page.getByTestId('live-total')).toContainText('80.20');

  await page.getByRole('button', { name: 'Kirim nilai' }).click();
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-sync', 'saved');
  await expect(page.getByTestId('sheet-state')).toContainText('Terkirim');

  // After a reload the server's copy is shown.
  await page.reload();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await expect(page.getByTestId('criterion-kebaruan').getByRole('spinbutton')).toHaveValue('81');
  await expect(page.getByTestId('sheet-state')).toContainText('Terkirim');
  // The judge's own history lists the revision just sent.
  await expect(page.getByTestId('sheet-history')).toContainText('80.20');
  // Hydration, the service worker and the wasm all ran under the page's policy.
  expect(violations).toEqual([]);
});

test('a value off the scale is refused beside its criterion and nothing is lost', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'no-javascript', 'the score sheet sends revisions from the browser');
  await signIn(page, 'juri3@juara.test');
  await page.getByTestId('assignments').first().getByTestId('open-sheet').first().click();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  const field = page.getByTestId('criterion-kebaruan').getByRole('spinbutton');
  await field.fill('150');
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.getByTestId('criterion-kebaruan')).toContainText('Nilai harus antara 0 dan 100.');
  await expect(field).toHaveValue('150');
});

test('a judge cannot open an entry they are not assigned to', async ({ page }) => {
  await signIn(page, 'juri1@juara.test');
  const response = await page.goto('/judge/kipp-kini-desk/no-such-entry');
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
});

test('scores given offline are kept on the device and reach the server once the network returns', async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name === 'no-javascript', 'the score sheet sends revisions from the browser');
  await signIn(page, 'juri4@juara.test');
  await page.getByTestId('assignments').first().getByTestId('open-sheet').first().click();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  const url = page.url();

  await context.setOffline(true);
  for (const key of ['kebaruan', 'efektivitas', 'kemanfaatan', 'replikasi', 'keberlanjutan']) {
    await page.getByTestId(`criterion-${key}`).getByRole('spinbutton').fill('70');
  }
  await page.getByRole('button', { name: 'Kirim nilai' }).click();
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-sync', 'waiting');

  // The tab is closed while offline; nothing is lost.
  await page.close();
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(url);
  await expect(again.locator('[data-ready="true"]')).toBeVisible();
  await expect(again.getByTestId('sync-state')).toHaveAttribute('data-sync', 'saved');
  await expect(again.getByTestId('sheet-state')).toContainText('Terkirim');

  // The server has exactly that sheet: a fresh device (no local copy) sees it.
  const other = await context.browser()!.newContext();
  const fresh = await other.newPage();
  await fresh.goto('/login');
  await fresh.getByLabel('Email').fill('juri4@juara.test');
  await fresh.getByLabel('Kata sandi').fill('juara-demo-2026');
  await fresh.getByRole('button', { name: 'Masuk' }).click();
  await expect(fresh).toHaveURL(/\/judge$/);
  await fresh.goto(url);
  await expect(fresh.getByTestId('criterion-replikasi').getByRole('spinbutton')).toHaveValue('70');
  await expect(fresh.getByTestId('sheet-state')).toContainText('Revisi');
  await other.close();
});

const CRITERIA = ['kebaruan', 'efektivitas', 'kemanfaatan', 'replikasi', 'keberlanjutan'];

test('five entries scored with no network, the page reloaded, then exactly those five sheets reach the server', async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name === 'no-javascript', 'the score sheet sends revisions from the browser');
  // Eleven page loads of the debug build's wasm on an emulated tablet.
  test.setTimeout(120_000);
  await signIn(page, 'juri3@juara.test');
  await expect(page).toHaveURL(/\/judge$/);
  // The service worker keeps the judge's entries on the device and says so.
  await expect(page.locator('[data-offline-note]')).toBeVisible();
  const submittedBefore = await page.getByTestId('assignments').nth(1).getByTestId('open-sheet').count();
  const urls = (
    await page
      .getByTestId('assignments')
      .first()
      .getByTestId('open-sheet')
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href))
  ).slice(0, 5);
  expect(urls).toHaveLength(5);

  await context.setOffline(true);
  for (const [index, url] of urls.entries()) {
    await page.goto(url);
    await expect(page.locator('[data-ready="true"]')).toBeVisible();
    for (const key of CRITERIA) {
      await page.getByTestId(`criterion-${key}`).getByRole('spinbutton').fill(String(61 + index));
    }
    await page.getByRole('button', { name: 'Kirim nilai' }).click();
    await expect(page.getByTestId('sync-state')).toHaveAttribute('data-sync', 'waiting');
  }

  // Reloaded with no network: the kept page opens with this device's values, and
  // the other four sheets are counted as waiting.
  await page.reload();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await expect(page.getByTestId('criterion-kebaruan').getByRole('spinbutton')).toHaveValue('65');
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-sync', 'waiting');
  await expect(page.getByTestId('outbox')).toContainText('4');

  // The network returns: everything is sent from this one page — at once, or at
  // the next retry when the first try races the network coming back.
  await context.setOffline(false);
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-sync', 'saved', { timeout: SHEET_RETRY_MS + 10_000 });
  await expect(page.getByTestId('outbox')).toHaveCount(0);

  // A fresh device (no local copies) sees exactly five more submitted sheets,
  // each with the values given offline.
  const other = await context.browser()!.newContext();
  const fresh = await other.newPage();
  await signIn(fresh, 'juri3@juara.test');
  await expect(fresh).toHaveURL(/\/judge$/);
  await expect(fresh.getByTestId('assignments').nth(1).getByTestId('open-sheet')).toHaveCount(submittedBefore + 5);
  for (const [index, url] of urls.entries()) {
    await fresh.goto(url);
    await expect(fresh.getByTestId('sheet-state')).toContainText('Terkirim');
    await expect(fresh.getByTestId('sheet-state')).toContainText('Revisi 1');
    for (const key of CRITERIA) {
      await expect(fresh.getByTestId(`criterion-${key}`).getByRole('spinbutton')).toHaveValue(String(61 + index));
    }
  }
  await other.close();
});

test('a judge steps back from an entry with a reason: it leaves their list and the committee is told', async ({ page, browser }) => {
  await signIn(page, 'juri5@juara.test');
  await expect(page).toHaveURL(/\/judge$/);
  const first = page.getByTestId('assignments').first().getByTestId('open-sheet').first();
  const title = (await first.textContent())!.trim();
  const href = (await first.getAttribute('href'))!;
  await page.goto(href);
  const recusal = page.getByTestId('recusal');
  await recusal.locator('summary').click();

  // A reason of blanks is refused beside the field, and the form stays open.
  await recusal.getByLabel('Alasan').fill('   ');
  await recusal.getByRole('button', { name: 'Mundur dari penilaian proposal ini' }).click();
  await expect(recusal.locator('.field-error')).toContainText(/wajib/i);
  await recusal.getByLabel('Alasan').fill('Saya pernah menjadi pendamping inovasi ini.');
  await recusal.getByRole('button', { name: 'Mundur dari penilaian proposal ini' }).click();

  await expect(page).toHaveURL(/\/judge\?recused=1$/);
  await expect(page.getByTestId('recused-note')).toBeVisible();
  await expect(page.getByTestId('assignments').first()).not.toContainText(title);
  const response = await page.goto(href);
  expect(response?.status()).toBe(403);

  const committee = await browser.newContext();
  const admin = await committee.newPage();
  await signIn(admin, 'panitia@juara.test');
  await expect(admin).toHaveURL(/\/admin$/);
  await expect(admin.getByTestId('recusals')).toContainText(title);
  await expect(admin.getByTestId('recusals')).toContainText('pendamping inovasi');
  // The committee gives the entry to another judge; the flag goes.
  await admin.getByTestId('recusals').locator('tr', { hasText: title }).getByTestId('reassign').click();
  await expect(admin.getByTestId('reassigned')).toBeVisible();
  await expect(admin.locator('body')).not.toContainText('pendamping inovasi');
  await committee.close();
});

test('once their sheet is submitted a judge can no longer step back; the committee takes them off the entry with a reason', async ({ page, browser, request }) => {
  test.setTimeout(90_000);
  const { current } = await editionSlugs(request);
  await signIn(page, 'juri5@juara.test');
  await expect(page).toHaveURL(/\/judge$/);
  // The first entry whose sheet is already sent.
  const done = page.getByTestId('assignments').nth(1).getByTestId('open-sheet').first();
  const title = (await done.textContent())!.trim();
  const href = (await done.getAttribute('href'))!;
  await done.click();
  await expect(page.getByTestId('sheet-state')).toContainText('Terkirim');

  // Stepping back now is refused with the reason why; the entry stays theirs.
  const recusal = page.getByTestId('recusal');
  await recusal.locator('summary').click();
  await recusal.getByLabel('Alasan').fill('Saya baru ingat pernah membina tim inovasi ini.');
  await recusal.getByRole('button', { name: 'Mundur dari penilaian proposal ini' }).click();
  await expect(recusal).toContainText('sudah dikirim');
  await expect(recusal).toContainText('hanya panitia yang dapat mencabut juri');
  await page.goto('/judge');
  await expect(page.getByTestId('assignments').nth(1)).toContainText(title);

  // The committee takes the judge off the entry from the stage's dashboard.
  const committee = await browser.newContext();
  const admin = await committee.newPage();
  await signIn(admin, 'panitia@juara.test');
  await expect(admin).toHaveURL(/\/admin$/);
  await openDeskDashboard(admin, current);
  const removal = admin.getByTestId('remove-judge');
  const assignment = `${title} — Agus Setiawan, S.Sos., M.AP.`;
  await removal.locator('summary').click();
  // A reason is required; the form stays open with the problem beside it.
  await removal.getByLabel('Penugasan').selectOption({ label: assignment });
  await removal.getByRole('button', { name: 'Cabut dari entri' }).click();
  await expect(removal.locator('.field-error')).toContainText(/wajib/i);
  await removal.getByLabel('Penugasan').selectOption({ label: assignment });
  await removal.getByLabel('Alasan').fill('Juri ternyata pernah membina tim inovasi ini.');
  await removal.getByRole('button', { name: 'Cabut dari entri' }).click();
  await expect(admin.getByTestId('judge-removed')).toBeVisible();
  await expect(removal.getByLabel('Penugasan').locator('option', { hasText: assignment })).toHaveCount(0);
  // The entry now waits for another judge on the overview, with the reason; the
  // committee gives it to one.
  await mainNav(admin).getByRole('link', { name: 'Panitia', exact: true }).click();
  const waiting = admin.getByTestId('recusals').locator('tr', { hasText: title });
  await expect(waiting).toContainText('pernah membina tim inovasi');
  await waiting.getByTestId('reassign').click();
  await expect(admin.getByTestId('reassigned')).toBeVisible();
  await expect(admin.locator('body')).not.toContainText('pernah membina tim inovasi');
  await committee.close();

  // The entry leaves the judge's list and no longer opens for them.
  await page.goto('/judge');
  await expect(page.locator('body')).not.toContainText(title);
  const response = await page.goto(href);
  expect(response?.status()).toBe(403);
});
