import { expect, test, type Browser, type Page } from '@playwright/test';
import { hydrated, signIn, withSessionOf } from './actions';

// Field verification on a tablet. On site there is often no signal: the
// verifier records a finding per claim and takes photos with no network, and
// all of it reaches the server once the network returns — each photo exactly
// once, counted on the server.

const VERIFIER = 'juri1@juara.test';
const ADMIN = 'panitia@juara.test';

interface ServerVisit {
  claims: { section: string; finding: string | null; note: string }[];
  photos: { id: string; bytes: number; location: [number, number] | null }[];
}

/** The visit as the server holds it, read by the committee on a device of its
 * own (nothing kept there). */
async function serverVisit(browser: Browser, visit: string): Promise<ServerVisit> {
  const context = await browser.newContext();
  await withSessionOf(context, browser, ADMIN);
  const response = await context.request.post('/api/load_visit', {
    form: { visit },
    headers: { 'sec-fetch-site': 'same-origin' },
  });
  expect(response.status(), await response.text()).toBe(200);
  const sheet = (await response.json()) as ServerVisit;
  await context.close();
  return sheet;
}

/** A camera-sized photo (4000 × 3000, like a 12 MP tablet camera) drawn in the
 * page — sky, a building, a signboard and sensor grain — as JPEG bytes. */
async function cameraPhoto(page: Page, seed: number): Promise<Buffer> {
  const base64 = await page.evaluate((seed) => {
    const canvas = document.createElement('canvas');
    canvas.width = 4000;
    canvas.height = 3000;
    const context = canvas.getContext('2d')!;
    const sky = context.createLinearGradient(0, 0, 0, 3000);
    sky.addColorStop(0, '#8ec5ff');
    sky.addColorStop(1, '#f4efe6');
    context.fillStyle = sky;
    context.fillRect(0, 0, 4000, 3000);
    context.fillStyle = '#c9b28f';
    context.fillRect(600, 1200, 2800, 1500);
    context.fillStyle = '#0a4650';
    context.fillRect(1200, 900, 1600, 360);
    context.fillStyle = '#ffffff';
    context.font = 'bold 180px sans-serif';
    context.fillText(`PUSKESMAS ${seed}`, 1300, 1140);
    // Sensor grain: what makes a real photo weigh megabytes.
    const grain = context.getImageData(0, 0, 4000, 3000);
    let state = seed * 2654435761;
    for (let i = 0; i < grain.data.length; i += 4) {
      state = (state * 1103515245 + 12345) >>> 0;
      const noise = (state >>> 24) % 24 - 12;
      grain.data[i] += noise;
      grain.data[i + 1] += noise;
      grain.data[i + 2] += noise;
    }
    context.putImageData(grain, 0, 0);
    return canvas.toDataURL('image/jpeg', 0.92).split(',')[1];
  }, seed);
  return Buffer.from(base64, 'base64');
}

test('a visit done with no network — findings and two photos — reaches the server once, each photo once', async ({ page, context, browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'tablet', 'a field visit is done on the tablet');
  test.setTimeout(120_000);
  const photoPosts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/visits\/[^/]+\/photos\//.test(request.url())) photoPosts.push(request.url());
  });
  await signIn(page, VERIFIER);
  await expect(page).toHaveURL(/\/judge$/);
  const link = page.getByTestId('my-visit').first();
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href'))!;
  const visit = href.split('/').pop()!;
  await page.goto(href);
  await hydrated(page);
  const before = (await serverVisit(browser, visit)).photos.length;

  // The camera's photos, made while the network is still there.
  const photos = [await cameraPhoto(page, 1), await cameraPhoto(page, 2)];

  await context.setOffline(true);
  const claims = page.getByTestId('claim');
  await expect(claims).toHaveCount(3);
  await claims.nth(0).getByLabel('Terbukti', { exact: true }).check();
  await claims.nth(1).getByLabel('Sebagian', { exact: true }).check();
  await claims.nth(1).getByLabel('Catatan').fill('SOP ada, anggaran 2027 belum ditetapkan.');
  await claims.nth(2).getByLabel('Tidak terbukti', { exact: true }).check();
  await page.getByTestId('save-findings').click();
  await expect(page.getByTestId('visit-waiting')).toHaveAttribute('data-waiting', '1');

  await page.getByTestId('take-photo').setInputFiles([
    { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photos[0] },
    { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: photos[1] },
  ]);
  await expect(page.getByTestId('visit-waiting')).toHaveAttribute('data-waiting', '3', { timeout: 30_000 });
  await expect(page.getByTestId('photo-processing')).toHaveCount(0);
  const shrunk = page.getByTestId('photo-shrunk');
  const [original, sent] = [Number(await shrunk.getAttribute('data-before')), Number(await shrunk.getAttribute('data-after'))];
  // What the closing note reports: a camera photo and what the tablet sends.
  console.log(`field photo: ${original} bytes from the camera, ${sent} bytes sent`);
  expect(sent).toBeLessThan(original / 3);
  // Nothing reached the server while offline.
  await context.setOffline(false);
  // The network is back: the page sends everything, once.
  await expect(page.getByTestId('visit-waiting')).toHaveCount(0, { timeout: 30_000 });

  const after = await serverVisit(browser, visit);
  expect(after.photos).toHaveLength(before + 2);
  for (const photo of after.photos) expect(photo.bytes).toBeLessThan(original / 3);
  // Each photo went over the network exactly once.
  expect(new Set(photoPosts).size).toBe(2);
  expect(photoPosts).toHaveLength(2);
  expect(after.claims.map((claim) => claim.finding)).toEqual(['terbukti', 'sebagian', 'tidak_terbukti']);
  expect(after.claims[1].note).toBe('SOP ada, anggaran 2027 belum ditetapkan.');

  // Sending again (a second tab, a timer) stores nothing twice.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId('photos').getByRole('img')).toHaveCount(before + 2);
  await expect(page.getByTestId('visit-waiting')).toHaveCount(0);
  expect((await serverVisit(browser, visit)).photos).toHaveLength(before + 2);
  expect(photoPosts).toHaveLength(2);
  // What the rule makes of it: one claim partly proven, one not proven.
  await expect(page.getByTestId('visit-outcome')).toContainText('−7');

  // The berita acara lists every claim and a signature line for each of the
  // team and the agency's representative.
  await page.getByTestId('visit-minutes').click();
  await expect(page.getByTestId('minutes-claims').getByRole('row')).toHaveCount(4);
  await expect(page.getByTestId('minutes-team').getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('minutes-representative')).toContainText('Perwakilan');
});

test('before the app has loaded, the findings form still posts and keeps the finding', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'no-javascript', 'the plain form, without the wasm');
  await signIn(page, 'juri2@juara.test');
  await expect(page).toHaveURL(/\/judge$/);
  await page.getByTestId('my-visit').last().click();
  const claim = page.getByTestId('claim').first();
  await claim.getByLabel('Terbukti', { exact: true }).check();
  await claim.getByLabel('Catatan').fill('Dicek tanpa aplikasi.');
  await page.getByTestId('save-findings').click();
  await expect(page.getByTestId('findings-saved')).toBeVisible();
  await expect(page.getByTestId('claim').first().getByLabel('Terbukti', { exact: true })).toBeChecked();
  await expect(page.getByTestId('claim').first().getByLabel('Catatan')).toHaveValue('Dicek tanpa aplikasi.');
});

test('the committee schedules a visit from the field page, and a form refused keeps what was typed', async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name === 'tablet', 'the committee works at a desk');
  const editions: { slug: string; results_published: boolean }[] = await (await request.get('/api/v1/editions')).json();
  const current = editions.find((edition) => /^kipp-malang-\d{4}$/.test(edition.slug) && !edition.results_published)!.slug;
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(`/admin/editions/${current}/stages/lapangan`);
  await hydrated(page);
  await page.getByTestId('open-field').click();
  await expect(page.getByTestId('visits')).toBeVisible();
  const before = await page.getByTestId('visit').count();

  const form = page.getByTestId('schedule-form');
  const entry = form.getByLabel('Peserta');
  // The first entry with no visit yet: an entry scheduled by an earlier
  // project (they share one server) leaves the list. Not an index per worker:
  // Playwright starts a new worker after any failure, and later stages leave
  // few entries to visit.
  const choice = await entry.locator('option').nth(1).getAttribute('value');
  await entry.selectOption(choice!);
  // Ten days on, whenever the suite runs.
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel('Waktu').fill(`${day}T09:30`);
  await form.getByLabel('Alamat').fill('Jl. Ijen 5, Malang');
  // No team: refused, what was typed kept.
  await form.getByRole('button', { name: 'Jadwalkan' }).click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(page.getByTestId('schedule-form').getByLabel('Alamat')).toHaveValue('Jl. Ijen 5, Malang');
  // A judge no other test takes off an entry (judging.spec takes Agus Setiawan
  // off one, and a judge taken off cannot verify it).
  await page.getByTestId('schedule-form').getByLabel('Ir. Yoga Pratama Putra, M.T.').check();
  await page.getByTestId('schedule-form').getByRole('button', { name: 'Jadwalkan' }).click();
  await expect(page.getByTestId('visit')).toHaveCount(before + 1);
});
