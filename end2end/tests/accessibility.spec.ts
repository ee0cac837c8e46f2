import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { editionSlugs, hydrated, mainNav, signIn } from './actions';

// WCAG 2.1 A and AA, as axe checks them, on the pages each audience meets first.
async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }));
}

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name === 'no-javascript', 'axe runs as a script in the page');
});

test('the public pages pass axe', async ({ page, request }) => {
  const { published, current } = await editionSlugs(request);
  const pages = [
    '/',
    '/login',
    `/editions/${published}`,
    `/editions/${published}/results`,
    '/innovations',
    '/innovations?category=kesehatan&award=1',
    '/innovations/sepasar-pedas',
    `/editions/${current}/vote`,
    `/editions/${current}/vote/confirm?token=0000`,
  ];
  for (const path of pages) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
});

test('the committee overview and assignment page pass axe', async ({ page, request }) => {
  // A dozen pages of the debug build, each checked by axe.
  test.setTimeout(120_000);
  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
  expect(await violations(page), '/admin').toEqual([]);
  await page.goto('/admin/assign?stage=kipp-kini-desk&judges_per_entry=4');
  await expect(page.getByTestId('assign-plan')).toBeVisible();
  expect(await violations(page), '/admin/assign').toEqual([]);
  // The stage dashboard, the advancement form and the results page, each reached
  // by its link once the page is the app's (a client-side navigation).
  await mainNav(page).getByRole('link', { name: 'Panitia', exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await hydrated(page);
  await page.getByTestId('stage-dashboard-link').first().click();
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true');
  expect(await violations(page), 'stage dashboard').toEqual([]);
  await page.getByTestId('open-advance').click();
  await expect(page.getByTestId('advance-form')).toBeVisible();
  expect(await violations(page), 'advancement').toEqual([]);
  await mainNav(page).getByRole('link', { name: 'Panitia', exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByTestId('edition-results-link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hasil dan pengumuman' })).toBeVisible();
  expect(await violations(page), 'results').toEqual([]);
  // Configuration: the settings and a stage's rubric editor; the audit log.
  await mainNav(page).getByRole('link', { name: 'Edisi', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/editions$/);
  await page.getByTestId('edition-setup').first().click();
  await expect(page.getByTestId('settings-form')).toBeVisible();
  expect(await violations(page), 'edition settings').toEqual([]);
  await page.getByTestId('edit-stage').first().click();
  await expect(page.getByTestId('stage-form')).toBeVisible();
  expect(await violations(page), 'stage form').toEqual([]);
  await mainNav(page).getByRole('link', { name: 'Log audit', exact: true }).click();
  await expect(page.getByTestId('audit-log')).toBeVisible();
  expect(await violations(page), 'audit log').toEqual([]);
  // A presentation stage's dashboard, with its schedule.
  const { published } = await editionSlugs(request);
  await page.goto(`/admin/editions/${published}/stages/presentasi`);
  await expect(page.getByTestId('presentation-schedule')).toBeVisible();
  expect(await violations(page), 'presentation schedule').toEqual([]);
  // Last year's results console, with its winner set, and the berita acara of
  // its final results.
  await page.goto(`/admin/editions/${published}/results`);
  await expect(page.getByTestId('composition')).toBeVisible();
  expect(await violations(page), 'results with the winner set').toEqual([]);
  await page.getByTestId('open-final-minutes').click();
  await expect(page.getByTestId('final-minutes-composition')).toBeVisible();
  expect(await violations(page), 'berita acara of the final results').toEqual([]);
  // The onward page: who is sent on, and each package against the national form.
  await page.goto(`/admin/editions/${published}/onward`);
  await expect(page.getByTestId('send-on').first()).toBeVisible();
  expect(await violations(page), 'onward with submission packages').toEqual([]);
  // This year's field stage: its visits, the schedule, claims and rule forms.
  const { current } = await editionSlugs(request);
  await page.goto(`/admin/editions/${current}/stages/lapangan/field`);
  await expect(page.getByTestId('visits')).toBeVisible();
  expect(await violations(page), 'field verification').toEqual([]);
});

test('the judge list, score sheet, presentation console and account page pass axe', async ({ page }) => {
  // Seven pages, each loaded and checked, on the debug build (like the
  // committee's test above).
  test.setTimeout(90_000);
  await signIn(page, 'juri1@juara.test');
  await expect(page).toHaveURL(/\/judge$/);
  expect(await violations(page), '/judge').toEqual([]);
  await page.getByTestId('open-sheet').first().click();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  expect(await violations(page), 'score sheet').toEqual([]);
  await page.goto('/judge/present/kipp-lalu-presentasi');
  await expect(page.getByTestId('presentation-console')).toBeVisible();
  expect(await violations(page), 'presentation console').toEqual([]);
  await page.goto('/account');
  await expect(page.getByTestId('mail-settings')).toBeVisible();
  expect(await violations(page), 'account page').toEqual([]);
  // A field visit's sheet and its printable berita acara.
  await page.goto('/judge');
  await page.getByTestId('my-visit').first().click();
  await expect(page.getByTestId('findings-form')).toBeVisible();
  expect(await violations(page), 'field visit').toEqual([]);
  await page.getByTestId('visit-minutes').click();
  await expect(page.getByTestId('visit-minutes-page')).toBeVisible();
  expect(await violations(page), 'berita acara of a visit').toEqual([]);
});

test('the entrant list, new-entry form, proposal form and printable proposal pass axe', async ({ page }) => {
  // The demo's open edition has a draft of the Puskesmas Janti: its coordinator
  // may write it.
  await signIn(page, 'koordinator.pkm-janti@juara.test');
  await expect(page).toHaveURL(/\/entrant$/);
  expect(await violations(page), '/entrant').toEqual([]);
  await page.goto('/entrant/new');
  await expect(page.getByTestId('new-entry-form')).toBeVisible();
  expect(await violations(page), '/entrant/new').toEqual([]);
  await page.goto('/entrant/entry/rintisan-posyandu-remaja');
  await expect(page.getByTestId('proposal-form')).toHaveAttribute('data-ready', 'true');
  expect(await violations(page), 'proposal form').toEqual([]);
  await page.goto('/entrant/entry/rintisan-posyandu-remaja/print');
  await expect(page.getByTestId('proposal-print')).toBeVisible();
  expect(await violations(page), 'printable proposal').toEqual([]);
});
