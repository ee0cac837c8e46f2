import { expect, test } from '@playwright/test';
import { editionSlugs, signIn } from './actions';
import { mailTo } from './mailbox';

// The public site, as a citizen on a phone or a clerk on an old laptop meets
// it: every step works in the no-JavaScript project too.

test('anyone browses an edition, its results and an innovation\'s profile', async ({ page, request }) => {
  const { published } = await editionSlugs(request);
  await page.goto(`/editions/${published}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kompetisi Inovasi');
  await expect(page.getByTestId('timeline')).toBeVisible();
  await page.getByTestId('edition-results').click();
  await expect(page).toHaveURL(new RegExp(`/editions/${published}/results$`));
  // Every entry with the stage it reached, linked to its profile.
  const reached = page.getByTestId('reached').first();
  await expect(reached).toBeVisible();
  const link = reached.locator('tbody a').first();
  const title = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(/\/innovations\/[^/]+$/);
  await expect(page.getByTestId('innovation-title')).toHaveText(title);
  await expect(page.getByRole('heading', { name: 'Ringkasan' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Keikutsertaan' })).toBeVisible();
  // Shared links carry a card and an absolute canonical address.
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', title);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /^http:\/\/127\.0\.0\.1:\d+\/innovations\//);
});

test('the catalogue finds innovations by words, and opens a profile', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Katalog inovasi' }).click();
  await expect(page).toHaveURL(/\/innovations$/);
  await expect(page.getByTestId('catalogue-results').locator('li').first()).toBeVisible();

  await page.getByLabel('Cari', { exact: true }).fill('sepasar pedas');
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page).toHaveURL(/q=sepasar\+pedas|q=sepasar%20pedas/);
  await expect(page.getByTestId('catalogue-count')).toHaveText('1 inovasi ditemukan');
  await page.getByTestId('catalogue-results').getByRole('link', { name: /Sepasar Pedas/ }).click();
  await expect(page.getByTestId('innovation-title')).toContainText('Sepasar Pedas');
  await expect(page.getByTestId('awards')).toContainText('Top 45 KIPP Nasional');
});

// Each filter is a plain GET form: every step is a whole page, so the
// catalogue's tests are kept short enough for the debug build.
test('the catalogue\'s filters keep a category, the awarded and those that reached the nation', async ({ page }) => {
  // A category filter keeps only that category; awarded only keeps winners.
  await page.goto('/innovations');
  await page.getByLabel('Kategori').selectOption({ label: 'Kesehatan' });
  await page.getByLabel('Penghargaan', { exact: true }).selectOption({ label: 'Hanya yang pernah meraih penghargaan' });
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page).toHaveURL(/category=kesehatan/);
  const cards = page.getByTestId('catalogue-results').locator('li');
  await expect(cards.first()).toBeVisible();
  for (const card of await cards.all()) {
    await expect(card).toContainText('Kesehatan');
    await expect(card).toContainText('Meraih penghargaan');
  }

  // The path beyond the city: a winner sent on to the nation shows it on its
  // card and its page.
  await page.goto('/innovations');
  await page.getByLabel('Penghargaan', { exact: true }).selectOption({ label: 'Sampai tingkat nasional' });
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page).toHaveURL(/award=nasional/);
  await expect(page.getByTestId('catalogue-results').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('card-reached')).toHaveText('tingkat nasional');
  await page.getByTestId('catalogue-results').getByRole('link').first().click();
  await expect(page.getByTestId('awards')).toContainText('Top 45 — tingkat nasional');
  await expect(page.getByTestId('awards')).toContainText('KOVABLIK — tingkat provinsi');
});

test('the catalogue shows what a replica replicates, and says when nothing matches', async ({ page }) => {
  // A replica names its original, and the original lists its replicas.
  await page.goto('/innovations?q=sahabat+netra');
  await page.getByTestId('catalogue-results').getByRole('link').first().click();
  const replication = page.getByTestId('replication');
  await expect(replication).toContainText('Brexit');
  await replication.getByRole('link', { name: /Brexit/ }).click();
  await expect(page.getByTestId('innovation-title')).toContainText('Brexit');
  await expect(page.getByTestId('replication')).toContainText('Sahabat Netra');

  // Nothing matches: said so, and the filters can be cleared.
  await page.goto('/innovations?q=tidakadainovasiini');
  await expect(page.getByTestId('catalogue-count')).toHaveText('0 inovasi ditemukan');
  await page.getByRole('link', { name: 'Hapus filter' }).click();
  await expect(page).toHaveURL(/\/innovations$/);
});

test('people vote once per innovation from a browser', async ({ page, request }) => {
  const { current } = await editionSlugs(request);
  await page.goto(`/editions/${current}`);
  await page.getByTestId('edition-vote').click();
  await expect(page).toHaveURL(new RegExp(`/editions/${current}/vote$`));
  const first = page.getByTestId('ballot').locator('li').first();
  const title = (await first.getByRole('heading').textContent())!.trim();
  // Before the wasm arrives (or with none) the button posts a plain form; after,
  // the app sends it: either way the ballot comes back with the vote.
  await first.getByTestId('vote-button').click();
  await expect(page.getByTestId('vote-recorded')).toContainText(title);
  await expect(page.getByTestId('ballot').locator('li').first().getByTestId('voted')).toBeVisible();
  await expect(page.getByTestId('ballot').locator('li').first().getByTestId('vote-button')).toHaveCount(0);
});

test('in a verified edition a vote counts once its voter confirms the mailed link', async ({ page, browser, request }) => {
  test.slow();
  const { current } = await editionSlugs(request);
  const committee = await browser.newContext();
  const admin = await committee.newPage();
  await signIn(admin, 'panitia@juara.test');
  const setVerified = async (on: boolean) => {
    await admin.goto(`/admin/editions/${current}/setup`);
    const box = admin.getByTestId('settings-form').getByLabel(/Suara dihitung setelah pemilih mengonfirmasi/);
    await (on ? box.check() : box.uncheck());
    await admin.getByRole('button', { name: 'Simpan' }).click();
    await expect(admin.getByTestId('setup-saved')).toContainText('Pengaturan tersimpan');
  };
  await setVerified(true);
  try {
    await page.goto(`/editions/${current}/vote`);
    const card = page.getByTestId('ballot').locator('li').nth(1);
    const title = (await card.getByRole('heading').textContent())!.trim();
    const address = `warga.${test.info().project.name}.${Date.now()}@mail.test`;
    await card.getByTestId('vote-email').fill(address);
    await card.getByTestId('vote-button').click();
    await expect(page.getByTestId('vote-pending')).toContainText(title);
    await expect(page.getByTestId('ballot').locator('li').nth(1).getByTestId('vote-awaiting')).toBeVisible();

    // The link arrives by mail; opening it counts nothing until its button.
    const mail = await mailTo(address, /^Konfirmasi suara Anda/);
    const path = mail.body.match(/\/editions\/[^\s"<>]+\/vote\/confirm\?token=[0-9a-f]+/)![0];
    await page.goto(path);
    await page.getByTestId('vote-confirm').click();
    await expect(page.getByTestId('vote-counted')).toContainText(title);
    await expect(page.getByTestId('ballot').locator('li').nth(1).getByTestId('voted')).toBeVisible();
  } finally {
    await setVerified(false);
    await committee.close();
  }
});
