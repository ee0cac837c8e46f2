import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { consoleErrors, editionSlugs, HYDRATION_MS, mailedLinkFor, withSessionOf } from './actions';

// Every page of the app, opened in full by someone allowed to see it: the server
// renders it once, the wasm hydrates it (the app marks <html data-hydrated>),
// and the browser's console shows no error and no panic on the way. The public
// reading pages go to a visitor without the app, and hydrate once signed in.

const ADMIN = 'panitia@juara.test';
// The coordinator of the Puskesmas Janti: the demo's open edition has its draft.
const ENTRANT = 'koordinator.pkm-janti@juara.test';
// Scores this year's desk stage and chairs last year's presentation panel.
const JUDGE = 'juri1@juara.test';

type Slugs = Awaited<ReturnType<typeof editionSlugs>> & { open: string };

interface Finding {
  /** Another tab in the context of the person opening the page, to find
   * addresses by following the app's own links. */
  finder: Page;
  browser: Browser;
  slugs: Slugs;
}

interface RouteCheck {
  /** Who opens the page (nobody: an anonymous visitor). */
  as: string | null;
  /** The address to open, with real demo identifiers. */
  address: (finding: Finding) => Promise<string>;
  /** Sent to a visitor without the app (app/src/lean_pages.rs): nothing to
   * hydrate then, and no script may load; signed in, the page hydrates. */
  lean?: true;
}

/** The address a link found on `from` points to. */
async function linkOn(page: Page, from: string, link: (page: Page) => ReturnType<Page['locator']>) {
  await page.goto(from);
  const href = await link(page).first().getAttribute('href');
  expect(href, `a link on ${from}`).toBeTruthy();
  return href!;
}

const fixed = (address: string) => async () => address;

// One entry per route of app/src/app.rs, in its order.
const ROUTES: Record<string, RouteCheck> = {
  '/': { as: null, lean: true, address: fixed('/') },
  '/login': { as: null, address: fixed('/login') },
  '/invite/:token': {
    as: null,
    // The one-time link a new account is sent (read on the outbox page).
    address: async ({ browser }) => {
      const committee = await browser.newContext();
      const page = await committee.newPage();
      await withSessionOf(committee, browser, ADMIN);
      await page.goto('/admin/accounts');
      const form = page.getByTestId('account-form');
      const email = `juri.hidrasi.${Date.now()}@juara.test`;
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Nama').fill('Juri Hidrasi');
      await form.getByLabel('Juri').check();
      await form.getByRole('button', { name: 'Buat dan undang' }).click();
      await expect(page.getByTestId('invite-sent')).toBeVisible();
      const href = await mailedLinkFor(email);
      await committee.close();
      return new URL(href, 'http://juara.invalid').pathname;
    },
  },
  '/editions/:slug': { as: null, lean: true, address: async ({ slugs }) => `/editions/${slugs.published}` },
  '/editions/:slug/results': { as: null, lean: true, address: async ({ slugs }) => `/editions/${slugs.published}/results` },
  '/editions/:slug/vote': { as: null, address: async ({ slugs }) => `/editions/${slugs.current}/vote` },
  // The page a vote's confirmation link opens (a made-up token: opening it changes nothing).
  '/editions/:slug/vote/confirm': { as: null, address: async ({ slugs }) => `/editions/${slugs.current}/vote/confirm?token=0000` },
  '/innovations': { as: null, lean: true, address: fixed('/innovations') },
  '/innovations/:id': {
    as: null,
    lean: true,
    address: ({ finder }) => linkOn(finder, '/innovations', (page) => page.getByTestId('catalogue-results').getByRole('link')),
  },
  '/editions/:slug/objections': { as: null, address: async ({ slugs }) => `/editions/${slugs.published}/objections` },
  '/account': { as: JUDGE, address: fixed('/account') },
  '/admin': { as: ADMIN, address: fixed('/admin') },
  '/admin/assign': { as: ADMIN, address: fixed('/admin/assign') },
  '/admin/accounts': { as: ADMIN, address: fixed('/admin/accounts') },
  '/admin/mail': { as: ADMIN, address: fixed('/admin/mail') },
  '/admin/audit': { as: ADMIN, address: fixed('/admin/audit') },
  '/admin/organisations': { as: ADMIN, address: fixed('/admin/organisations') },
  '/admin/organisations/import': { as: ADMIN, address: fixed('/admin/organisations/import') },
  '/admin/organisations/:id': {
    as: ADMIN,
    address: ({ finder }) =>
      linkOn(finder, '/admin/organisations', (page) =>
        page.getByTestId('organisations').getByRole('row', { name: /Puskesmas Janti/ }).getByRole('link'),
      ),
  },
  '/admin/editions': { as: ADMIN, address: fixed('/admin/editions') },
  '/admin/editions/new': { as: ADMIN, address: fixed('/admin/editions/new') },
  '/admin/editions/:slug/template': {
    as: ADMIN,
    address: ({ finder, slugs }) =>
      linkOn(finder, '/admin/editions', (page) =>
        page.getByTestId('edition').filter({ hasText: slugs.current }).getByTestId('edit-template'),
      ),
  },
  '/admin/editions/:slug/setup': {
    as: ADMIN,
    address: ({ finder, slugs }) =>
      linkOn(finder, '/admin/editions', (page) =>
        page.getByTestId('edition').filter({ hasText: slugs.current }).getByTestId('edition-setup'),
      ),
  },
  '/admin/editions/:slug/setup/stages/:stage': {
    as: ADMIN,
    address: ({ finder, slugs }) =>
      linkOn(finder, `/admin/editions/${slugs.current}/setup`, (page) => page.getByTestId('edit-stage')),
  },
  '/admin/editions/:slug/objections': {
    as: ADMIN,
    address: ({ finder, slugs }) =>
      linkOn(finder, `/admin/editions/${slugs.published}/setup`, (page) => page.getByTestId('open-objections')),
  },
  '/admin/editions/:slug/screening': {
    as: ADMIN,
    // The open edition has entries waiting for screening.
    address: ({ finder, slugs }) =>
      linkOn(finder, `/admin/editions/${slugs.open}/setup`, (page) => page.getByTestId('open-screening')),
  },
  '/admin/editions/:slug/stages/:stage/field': {
    as: ADMIN,
    address: ({ finder, slugs }) =>
      linkOn(finder, `/admin/editions/${slugs.current}/stages/lapangan`, (page) => page.getByTestId('open-field')),
  },
  '/judge/visits/:visit': {
    as: JUDGE,
    address: ({ finder }) => linkOn(finder, '/judge', (page) => page.getByTestId('my-visit').first()),
  },
  '/visits/:visit/berita-acara': {
    as: JUDGE,
    address: async ({ finder }) => {
      const visit = await linkOn(finder, '/judge', (page) => page.getByTestId('my-visit').first());
      return linkOn(finder, visit, (page) => page.getByTestId('visit-minutes'));
    },
  },
  '/admin/editions/:slug/results': {
    as: ADMIN,
    address: ({ finder }) => linkOn(finder, '/admin', (page) => page.getByTestId('edition-results-link')),
  },
  '/admin/editions/:slug/results/minutes': {
    as: ADMIN,
    address: ({ finder, slugs }) =>
      linkOn(finder, `/admin/editions/${slugs.published}/results`, (page) => page.getByTestId('open-final-minutes')),
  },
  '/admin/editions/:slug/onward': {
    as: ADMIN,
    address: ({ finder, slugs }) =>
      linkOn(finder, `/admin/editions/${slugs.published}/results`, (page) => page.getByTestId('open-onward')),
  },
  '/admin/editions/:slug/stages/:stage': {
    as: ADMIN,
    address: ({ finder }) => linkOn(finder, '/admin', (page) => page.getByTestId('stage-dashboard-link')),
  },
  '/admin/editions/:slug/stages/:stage/advance': {
    as: ADMIN,
    address: async ({ finder }) => {
      const dashboard = await linkOn(finder, '/admin', (page) => page.getByTestId('stage-dashboard-link'));
      return linkOn(finder, dashboard, (page) => page.getByTestId('open-advance'));
    },
  },
  '/admin/editions/:slug/stages/:stage/minutes': {
    as: ADMIN,
    address: async ({ finder }) => {
      const dashboard = await linkOn(finder, '/admin', (page) => page.getByTestId('stage-dashboard-link'));
      return linkOn(finder, dashboard, (page) => page.getByTestId('open-minutes'));
    },
  },
  '/entrant': { as: ENTRANT, address: fixed('/entrant') },
  '/entrant/new': { as: ENTRANT, address: fixed('/entrant/new') },
  '/entrant/entry/:entry': {
    as: ENTRANT,
    address: ({ finder }) => linkOn(finder, '/entrant', (page) => page.getByTestId('entries').getByRole('link')),
  },
  '/entrant/entry/:entry/print': {
    as: ENTRANT,
    address: async ({ finder }) => {
      const entry = await linkOn(finder, '/entrant', (page) => page.getByTestId('entries').getByRole('link'));
      return linkOn(finder, entry, (page) => page.getByRole('link', { name: 'Cetak' }));
    },
  },
  '/judge': { as: JUDGE, address: fixed('/judge') },
  '/judge/present/:stage': {
    as: JUDGE,
    // Last year's presentation stage, whose panel juri1 chairs (the judge list
    // links only consoles of stages not published yet: the demo has none).
    address: fixed('/judge/present/kipp-lalu-presentasi'),
  },
  '/judge/:stage/:entry': {
    as: JUDGE,
    address: ({ finder }) => linkOn(finder, '/judge', (page) => page.getByTestId('open-sheet')),
  },
};

/** The routes app/src/app.rs declares, in its order. */
function appRoutes(): string[] {
  const source = readFileSync(path.resolve(__dirname, '../../app/src/app.rs'), 'utf8');
  const routes = [...source.matchAll(/<Route\s+path=path!\(\s*"([^"]*)"\s*\)/g)].map((match) => match[1]);
  expect(routes.length, 'routes found in app.rs').toBeGreaterThan(0);
  return routes;
}

/** The route the router picks for `pathname`: of those that match, the one with
 * the most literal segments (as Leptos ranks them). */
function routeFor(pathname: string, routes: string[]): string | undefined {
  const segments = pathname.split('/').filter(Boolean);
  const matching = routes.filter((route) => {
    const parts = route.split('/').filter(Boolean);
    return parts.length === segments.length && parts.every((part, index) => part.startsWith(':') || part === segments[index]);
  });
  const literal = (route: string) => route.split('/').filter((part) => part && !part.startsWith(':')).length;
  return matching.sort((a, b) => literal(b) - literal(a))[0];
}

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one browser checks every page; the other projects open them in their own tests');
});

test('every route of app.rs is checked here, and nothing else', () => {
  const routes = appRoutes();
  expect(new Set(routes).size, 'app.rs declares each route once').toBe(routes.length);
  expect([...routes].sort(), 'the routes of app/src/app.rs (add a missing one to ROUTES above)').toEqual(Object.keys(ROUTES).sort());
});

for (const [route, check] of Object.entries(ROUTES)) {
  test(`${route} hydrates with no console error or panic`, async ({ page, browser, request }) => {
    const context = page.context();
    if (check.as) await withSessionOf(context, browser, check.as);
    const editions: { slug: string }[] = await (await request.get('/api/v1/editions')).json();
    const slugs: Slugs = {
      ...(await editionSlugs(request)),
      open: editions.find((edition) => edition.slug.startsWith('kipp-rintisan-'))!.slug,
    };
    const finder = await context.newPage();
    const address = await check.address({ finder, browser, slugs });
    await finder.close();
    // The address found is one this route answers (not a neighbour's).
    expect(routeFor(new URL(address, 'http://juara.invalid').pathname, appRoutes()), address).toBe(route);

    if (check.lean) {
      // A visitor gets HTML and the stylesheet only.
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (['script', 'fetch'].includes(request.resourceType()) || request.url().endsWith('.wasm')) scripts.push(request.url());
      });
      const errors = consoleErrors(page);
      const response = await page.goto(address);
      expect(response?.status(), address).toBe(200);
      await page.waitForLoadState('load');
      // Leptos ends a page with a few inline lines setting up empty lists;
      // no script is loaded and no module runs.
      await expect(page.locator('script[src], script[type="module"]')).toHaveCount(0);
      expect(scripts, `scripts loaded by ${address} for a visitor`).toEqual([]);
      await expect(page.locator('html[data-hydrated]')).toHaveCount(0);
      expect(errors, `console of ${address}`).toEqual([]);
      // Signed in, it is an app page like every other.
      await withSessionOf(context, browser, JUDGE);
    }
    const errors = consoleErrors(page);
    const response = await page.goto(address);
    // Allowed, found and rendered: not a 403, 404 or error page.
    expect(response?.status(), address).toBe(200);
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: HYDRATION_MS });
    await expect(page.getByTestId('forbidden')).toHaveCount(0);
    await expect(page.getByTestId('not-found')).toHaveCount(0);
    // Effects run and the first requests of the hydrated page go out right
    // after hydration: give a panic or a failed call there a moment to show.
    await page.waitForLoadState('load');
    await page.waitForTimeout(750);
    expect(errors, `console of ${address}`).toEqual([]);
  });
}
