import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';

import { mailTo } from './mailbox';

export const DEMO_PASSWORD = 'juara-demo-2026';

/** How often a score sheet's queue is retried while revisions wait on the device
 * (app/src/pages/judge/scoring_page.rs). When the network returns, the first try
 * can race it; the next comes this much later. */
export const SHEET_RETRY_MS = 15_000;

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  // Wait for the answer: with the app running the click only sends a fetch and
  // returns at once, and a page opened before the answer has no session yet.
  const answered = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/login' && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Masuk' }).click();
  await answered;
}

/** The one-time link in the newest message to `email`, as it arrived in the
 * test mail server. */
export async function mailedLinkFor(email: string): Promise<string> {
  const mail = await mailTo(email, /./);
  const link = mail.body.match(/https?:\/\/[^\s"<]+\/invite\/[\w-]+/);
  expect(link, `a link in the message to ${email}: ${mail.body}`).not.toBeNull();
  return link![0];
}

/** Signs out with the button in the top bar. */
export async function signOut(page: Page) {
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/$/);
}

/** The top bar's main navigation (its links depend on the roles signed in). */
export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Navigasi utama' });
}

/** From any committee page, opens the settings of edition `slug` by the links a
 * person follows: Edisi in the top bar, then the edition's settings. */
export async function openEditionSetup(page: Page, slug: string) {
  await hydrated(page);
  await mainNav(page).getByRole('link', { name: 'Edisi', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/editions$/);
  await page.getByTestId('edition').filter({ hasText: slug }).getByTestId('edition-setup').click();
  await expect(page).toHaveURL(new RegExp(`/admin/editions/${slug}/setup$`));
  await expect(page.getByTestId('settings-form')).toBeVisible();
}

/** From the committee overview (/admin), opens the live dashboard of this year's
 * desk stage (`current`: this year's edition) by its link. */
export async function openDeskDashboard(page: Page, current: string) {
  const year = current.replace(/^kipp-malang-/, '');
  await hydrated(page);
  await page
    .getByRole('row')
    .filter({ hasText: `Pelayanan Publik Kota Malang ${year}` })
    .getByTestId('stage-dashboard-link')
    .filter({ hasText: 'Penilaian proposal' })
    .click();
  await expect(page).toHaveURL(new RegExp(`/admin/editions/${current}/stages/desk$`));
}

/** Whether the current project runs the pages' scripts (the wasm). */
export function runsScripts() {
  return test.info().project.use.javaScriptEnabled !== false;
}

/** Waits until the wasm has hydrated the page (the app marks `<html>` then), so
 * that what follows — a click on a link, typing — goes through the app as it
 * does for a person once the page is interactive. Without JavaScript there is
 * nothing to wait for. */
export async function hydrated(page: Page) {
  if (!runsScripts()) return;
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: HYDRATION_MS });
}

/** How long a page may take to hydrate: the tests run the debug build, whose
 * wasm (some 35 MB) each new browser context compiles again, and on a busy
 * two-core machine that alone once took more than the ten seconds assertions
 * get. How fast the release build's pages load is measured by `scripts/bench`. */
export const HYDRATION_MS = 30_000;

/** Collects what the page reports as an error — console errors (a wasm panic
 * prints "panicked at" there) and uncaught exceptions — each with the address of
 * the page; warnings are not collected. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: uncaught: ${error.message}`));
  return errors;
}

const sessions = new Map<string, Awaited<ReturnType<BrowserContext['cookies']>>>();

/** Gives `context` a session of `email`, signed in through the login form (in a
 * context of its own) once per worker and reused: for tests about what a page
 * does, not about signing in. */
export async function withSessionOf(context: BrowserContext, browser: Browser, email: string) {
  let cookies = sessions.get(email);
  if (!cookies) {
    const own = await browser.newContext();
    const page = await own.newPage();
    await signIn(page, email);
    await expect(page).not.toHaveURL(/\/login/);
    cookies = await own.cookies();
    await own.close();
    sessions.set(email, cookies);
  }
  await context.addCookies(cookies);
}

/** Collects Content-Security-Policy violations the page reports, for a test to
 * assert there are none (a policy too strict breaks hydration silently). */
export function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  return violations;
}

/** The slugs of last year's published edition and this year's main one. */
export async function editionSlugs(request: APIRequestContext) {
  const editions: { slug: string; results_published: boolean }[] = await (await request.get('/api/v1/editions')).json();
  const main = editions.filter((edition) => /^kipp-malang-\d{4}$/.test(edition.slug));
  return {
    published: main.find((edition) => edition.results_published)!.slug,
    current: main.find((edition) => !edition.results_published)!.slug,
  };
}
