import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { SHEET_RETRY_MS, hydrated, signIn } from './actions';

// One tablet, several judges: a panel passes the device round, or a session
// expires and the next person signs in. What one judge kept on the device (pages
// for use without a network, scores still waiting to be sent) is never shown to
// the next one, nor sent under their name.

const A = 'juri1@juara.test';
const A_NAME = 'Hendra Wibisono';
// The other judges of this year's desk stage, by the name the top bar shows: B
// is the first who does not judge some entry A still has to score.
const OTHERS: [string, string][] = [
  ['juri4@juara.test', 'Siti Maghfiroh'],
  ['juri3@juara.test', 'Yoga Pratama'],
  ['juri2@juara.test', 'Ratna Kusumawardani'],
  ['juri5@juara.test', 'Agus Setiawan'],
];
const CRITERIA = ['kebaruan', 'efektivitas', 'kemanfaatan', 'replikasi', 'keberlanjutan'];

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name === 'no-javascript', 'pages are kept and scores queued by the browser');
});

interface Sheet {
  judge: string;
  state: string;
  revision: number;
  values: Record<string, number>;
}

/** `email`'s own sheet for `entry` in `stage`, as the server holds it, read on a
 * device of its own (nothing kept there). */
async function serverSheet(browser: Browser, email: string, stage: string, entry: string): Promise<Sheet> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).toHaveURL(/\/judge$/);
  const response = await context.request.post('/api/load_scoring_view', { form: { stage, entry } });
  expect(response.status(), await response.text()).toBe(200);
  const sheet = (await response.json()) as Sheet;
  await context.close();
  return sheet;
}

/** Every entry `email` judges (to do and done), as their list links them. */
async function assignedTo(browser: Browser, email: string): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).toHaveURL(/\/judge$/);
  await expect(page.getByTestId('assignments').first()).toBeVisible();
  const hrefs = await page
    .getByTestId('open-sheet')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  await context.close();
  return hrefs;
}

/** Waits until the service worker has kept the page just opened (and the pages it
 * links to) on this device. */
async function keptOnDevice(page: Page) {
  await expect(page.locator('html[data-offline-pages]')).toHaveCount(1, { timeout: 20_000 });
}

/** The judge's name in the top bar: who the page was answered for. */
const signedInAs = (page: Page) => page.getByTestId('user-chip');

/** Every save of a sheet the device sends while `context` is in use. */
function sheetSaves(context: BrowserContext) {
  const saves: { status: number; owner: string }[] = [];
  context.on('response', async (response) => {
    if (!response.url().endsWith('/api/save_sheet') || response.request().method() !== 'POST') return;
    let owner = '';
    try {
      owner = (JSON.parse(response.request().postData() ?? '{}') as { owner?: string }).owner ?? '';
    } catch {
      // Not JSON: counted with no owner.
    }
    saves.push({ status: response.status(), owner });
  });
  return saves;
}

test("the next judge on a shared tablet never sees the previous one's kept pages, and their queued scores are not sent under the next judge's name", async ({ page, context, browser }) => {
  // A dozen page loads of the debug build's wasm, three of them in fresh browsers.
  test.setTimeout(180_000);
  const saves = sheetSaves(context);

  // A's list; an entry A has not submitted yet, and a judge B who does not judge it.
  await signIn(page, A);
  await expect(page).toHaveURL(/\/judge$/);
  await keptOnDevice(page);
  const todo = await page
    .getByTestId('assignments')
    .first()
    .getByTestId('open-sheet')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  let address: string | undefined;
  let B = '';
  let B_NAME = '';
  for (const [email, name] of OTHERS) {
    const theirs = new Set(await assignedTo(browser, email));
    address = todo.find((href) => !theirs.has(href));
    if (address) {
      [B, B_NAME] = [email, name];
      break;
    }
  }
  expect(address, 'an entry juri1 still has to score that another judge does not judge').toBeTruthy();
  const [, , stage, entry] = address!.split('/');
  const before = await serverSheet(browser, A, stage, entry);

  // A opens it online: the device keeps it, and it opens with no network.
  await page.goto(address!);
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await keptOnDevice(page);
  const title = (await page.getByTestId('scoring-page').getByRole('heading', { level: 1 }).textContent())!.trim();
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await expect(signedInAs(page)).toContainText(A_NAME);

  // A scores it with no network and saves it (a draft: the entry stays on A's
  // list for the next project's run): the sheet waits on the device.
  for (const key of CRITERIA) {
    await page.getByTestId(`criterion-${key}`).getByRole('spinbutton').fill('66');
  }
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-sync', 'waiting');

  // A's session ends (it expired on the tablet) while the scores still wait. The
  // network returns: the page tries to send them and is told nobody is signed in.
  await context.clearCookies();
  const unsigned = page.waitForResponse((response) => response.url().endsWith('/api/save_sheet'));
  await context.setOffline(false);
  expect((await unsigned).status()).toBe(401);
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-sync', 'waiting');

  // B signs in on the same tablet and opens their list: their own.
  await signIn(page, B);
  await expect(page).toHaveURL(/\/judge$/);
  await expect(signedInAs(page)).toContainText(B_NAME);
  await page.goto('/judge');
  await keptOnDevice(page);
  await expect(signedInAs(page)).toContainText(B_NAME);
  await expect(page.getByTestId('assignments').first()).not.toContainText(title);
  // B has nothing waiting on this device: A's queued sheet is not counted as B's.
  await hydrated(page);
  await expect(page.getByTestId('outbox')).toHaveCount(0);

  // A's entry, opened by B, is B's answer (not theirs to judge), not A's page.
  const response = await page.goto(address!);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByTestId('scoring-page')).toHaveCount(0);

  // With no network either: the device no longer holds A's pages. The judge
  // list B opens is B's; A's entry does not open at all.
  await context.setOffline(true);
  await page.goto('/judge');
  await expect(signedInAs(page)).toContainText(B_NAME);
  await expect(page.locator('body')).not.toContainText(A_NAME);
  await expect(page.getByTestId('assignments').first()).not.toContainText(title);
  const offline = await page.goto(address!).catch(() => null);
  expect(offline?.ok() ?? false, 'A’s kept scoring page, shown to B').toBe(false);
  await expect(page.getByTestId('scoring-page')).toHaveCount(0);
  await context.setOffline(false);

  // A's queue, sent from this device under B's session, is refused: scores are
  // saved only for the account the device kept them for.
  await page.goto('/judge');
  await hydrated(page);
  const owner = before.judge;
  const replay = await page.evaluate(
    async ({ owner, stage, entry }) => {
      const key = Object.keys(localStorage).find((key) => key === `juara.sheet.${owner}.${stage}.${entry}`);
      const kept = key ? JSON.parse(localStorage.getItem(key)!) : null;
      if (!kept || kept.pending.length === 0) return { kept: false, status: 0, body: '' };
      const response = await fetch('/api/save_sheet', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ stage, entry, owner, revision: kept.pending[0] }),
      });
      return { kept: true, status: response.status, body: await response.text() };
    },
    { owner, stage, entry },
  );
  expect(replay.kept, "A's scores still wait on the device").toBe(true);
  expect(replay.status, replay.body).toBe(409);
  expect(JSON.parse(replay.body)).toEqual({ Conflict: { code: 'other_account' } });

  // Nothing of A's reached the server while B was signed in.
  expect(saves.filter((save) => save.status < 300), JSON.stringify(saves)).toEqual([]);
  const during = await serverSheet(browser, A, stage, entry);
  expect({ revision: during.revision, state: during.state, values: during.values }).toEqual({
    revision: before.revision,
    state: before.state,
    values: before.values,
  });

  // B's session ends too; A signs in again on the tablet: A's waiting scores are
  // sent under A's own name, exactly as given.
  await context.clearCookies();
  await signIn(page, A);
  await expect(page).toHaveURL(/\/judge$/);
  await expect(signedInAs(page)).toContainText(A_NAME);
  await expect
    .poll(async () => (await serverSheet(browser, A, stage, entry)).revision, { timeout: 30_000 })
    .toBe(before.revision + 1);
  const after = await serverSheet(browser, A, stage, entry);
  expect(after.state).toBe('draft');
  expect(after.values).toEqual(Object.fromEntries(CRITERIA.map((key) => [key, 66])));
  expect(saves.filter((save) => save.status < 300).every((save) => save.owner === owner)).toBe(true);
});

test('signing out with scores still waiting asks first; signing out clears the device', async ({ page, context }) => {
  test.setTimeout(90_000);
  await signIn(page, A);
  await expect(page).toHaveURL(/\/judge$/);
  await page.getByTestId('assignments').first().getByTestId('open-sheet').first().click();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  const address = page.url();

  // A change saved with no network waits on the device.
  await context.setOffline(true);
  await page.getByTestId('criterion-kebaruan').getByRole('spinbutton').fill('55');
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-sync', 'waiting');

  // Signing out now would lose it: the judge is asked, and saying no keeps both
  // the session and the change.
  let question = '';
  page.once('dialog', async (dialog) => {
    question = `${dialog.type()}: ${dialog.message()}`;
    await dialog.dismiss();
  });
  await page.getByTestId('logout').click();
  await expect.poll(() => question).toContain('confirm: 1 perubahan di perangkat ini belum terkirim');
  await expect(page).toHaveURL(address);
  await expect(signedInAs(page)).toContainText(A_NAME);
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-sync', 'waiting');

  // Once it is sent, signing out asks nothing, and the answer clears the device.
  // Sent at once, or at the next retry when the first try races the network
  // coming back.
  await context.setOffline(false);
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-sync', 'saved', { timeout: SHEET_RETRY_MS + 10_000 });
  const stored = () =>
    page.evaluate(async () => ({
      local: Object.keys(localStorage).filter((key) => key.startsWith('juara.')),
      caches: (await caches.keys()).filter((name) => name.startsWith('juara-pages')),
    }));
  expect((await stored()).local.length, 'the sheet is kept on the device before signing out').toBeGreaterThan(0);
  const asked: string[] = [];
  page.on('dialog', async (unexpected) => {
    asked.push(unexpected.message());
    await unexpected.dismiss();
  });
  const signedOut = page.waitForResponse(
    (response) => response.url().endsWith('/api/logout') && response.request().method() === 'POST',
  );
  await page.getByTestId('logout').click();
  const cleared = (await (await signedOut).allHeaders())['clear-site-data'] ?? '';
  expect(cleared).toContain('"cache"');
  expect(cleared).toContain('"storage"');
  await expect(page).toHaveURL(/\/$/);
  expect(asked).toEqual([]);
  await expect.poll(stored).toEqual({ local: [], caches: [] });
});
