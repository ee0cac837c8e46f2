import { expect, test, type Page } from '@playwright/test';
import { signIn } from './actions';
import { mailTo } from './mailbox';

// Each project writes as a different organisation, so that the quota (two umum
// entries per organisation in the demo's open edition) is never shared.
const WRITERS: Record<string, { innovator: string; coordinator: string }> = {
  desktop: { innovator: 'inovator.janti@juara.test', coordinator: 'koordinator.pkm-janti@juara.test' },
  tablet: { innovator: 'inovator.pkm-dinoyo@juara.test', coordinator: 'koordinator.pkm-dinoyo@juara.test' },
  'no-javascript': {
    innovator: 'koordinator.pkm-kendalsari@juara.test',
    coordinator: 'koordinator.pkm-kendalsari@juara.test',
  },
};

/** How often a proposal's autosave retries while changes wait (app/src/pages/entrant/autosave.rs). */
const SAVE_RETRY_MS = 10_000;

/** Enters a new innovation in the open edition; lands on its proposal form. */
async function startEntry(page: Page, title: string) {
  await page.goto('/entrant');
  await page.getByTestId('new-entry').click();
  await expect(page).toHaveURL(/\/entrant\/new$/);
  await page.getByLabel('Judul inovasi baru').fill(title);
  await page.getByLabel('Berjalan sejak').fill('2022-01-10');
  await page.getByRole('button', { name: 'Mulai proposal' }).click();
  await expect(page).toHaveURL(/\/entrant\/entry\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

/** Writes every section, the video link and the declarations. */
async function writeWholeProposal(page: Page) {
  const areas = page.getByTestId('proposal-form').locator('textarea');
  const count = await areas.count();
  expect(count).toBeGreaterThan(3);
  for (let index = 0; index < count; index += 1) {
    await areas.nth(index).fill(`Bagian ${index + 1}: layanan dibuka setiap hari, antrean turun separuh.`);
  }
  await page.getByLabel('Video (YouTube)').fill('https://youtu.be/dQw4w9WgXcQ');
  await page.getByTestId('proposal-form').getByRole('checkbox').check();
}

test('an innovator writes a proposal that saves itself; the coordinator returns it with a comment, which reaches the innovator by mail; then endorses and submits it', async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name === 'no-javascript', 'autosave runs in the browser');
  test.setTimeout(90_000);
  const writers = WRITERS[testInfo.project.name];
  const title = `Antrean Daring ${testInfo.project.name} ${Date.now()}`;
  await signIn(page, writers.innovator);
  await expect(page).toHaveURL(/\/entrant$/);
  await startEntry(page, title);
  const form = page.getByTestId('proposal-form');
  await expect(form).toHaveAttribute('data-ready', 'true');

  // The word counter follows the typing, and the text saves itself.
  const summary = form.locator('textarea').first();
  await summary.fill('Warga mendaftar antrean dari rumah lewat WhatsApp.');
  await expect(form.getByTestId('word-count').first()).toContainText('7 / 200');
  await expect(page.getByTestId('save-status')).toContainText('Tersimpan pukul');
  await writeWholeProposal(page);
  await expect(page.getByTestId('save-status')).toContainText('Tersimpan pukul');
  await expect(page.getByTestId('submission-problems')).toHaveCount(0);
  const entryUrl = page.url();

  // The coordinator sends it back with a comment...
  const coordinatorContext = await context.browser()!.newContext();
  const coordinator = await coordinatorContext.newPage();
  await signIn(coordinator, writers.coordinator);
  await coordinator.goto(entryUrl);
  await coordinator.getByLabel('Yang perlu diperbaiki').fill('Tambahkan jumlah pengguna tahun 2025.');
  await coordinator.getByRole('button', { name: 'Kembalikan untuk perbaikan' }).click();
  await expect(coordinator.getByTestId('entry-state')).toContainText('Dikembalikan');

  // ...which reaches the innovator by mail, with a link that opens the entry,
  // where they see the comment in place; their revision saves itself too.
  const mail = await mailTo(writers.innovator, new RegExp(`dikembalikan.*${title}`));
  expect(mail.body).toContain('Tambahkan jumlah pengguna tahun 2025.');
  const link = mail.body.match(/https?:\/\/[^\s"<]+\/entrant\/entry\/[\w-]+/);
  expect(link, mail.body).not.toBeNull();
  expect(new URL(link![0]).pathname).toBe(new URL(entryUrl).pathname);
  await page.goto(link![0]);
  await expect(page.getByTestId('return-comment')).toContainText('Tambahkan jumlah pengguna tahun 2025.');
  await expect(form).toHaveAttribute('data-ready', 'true');
  await form.locator('textarea').first().fill('Warga mendaftar antrean dari rumah; 4.210 pengguna pada 2025.');
  await expect(page.getByTestId('save-status')).toContainText('Tersimpan pukul');

  // Then the coordinator endorses and submits it; the entry is read-only after.
  await coordinator.goto(entryUrl);
  await coordinator.getByRole('button', { name: 'Setujui' }).click();
  await expect(coordinator.getByTestId('entry-state')).toContainText('Disetujui');
  await expect(coordinator.getByTestId('quota')).toBeVisible();
  await coordinator.getByRole('button', { name: 'Kirim ke panitia' }).click();
  await expect(coordinator.getByTestId('entry-state')).toContainText('Diajukan');
  await expect(coordinator.getByTestId('proposal-text')).toContainText('4.210 pengguna');
  await expect(coordinator.getByTestId('entry-history')).toContainText('Dikirim ke panitia');
  await coordinatorContext.close();

  await page.reload();
  await expect(page.getByTestId('proposal-form')).toHaveCount(0);
  await expect(page.getByTestId('proposal-text')).toBeVisible();
});

test('typing with no network, reloading, then reconnecting loses nothing and the server gets the text', async ({ page, context, browser }, testInfo) => {
  test.skip(testInfo.project.name === 'no-javascript', 'the device copy is kept by the browser');
  test.setTimeout(90_000);
  const writers = WRITERS[testInfo.project.name];
  await signIn(page, writers.innovator);
  await startEntry(page, `Kartu Lansia ${testInfo.project.name} ${Date.now()}`);
  // The worker keeps this page and the app's files for use without a network.
  await expect(page.locator('html[data-offline-pages]')).toHaveCount(1);
  const form = page.getByTestId('proposal-form');
  await expect(form).toHaveAttribute('data-ready', 'true');
  await form.locator('textarea').first().fill('Tersimpan sebelum luring.');
  await expect(page.getByTestId('save-status')).toContainText('Tersimpan pukul');

  await context.setOffline(true);
  const offlineText = 'Diketik tanpa jaringan: kartu lansia dicetak di kelurahan.';
  await form.locator('textarea').first().fill(offlineText);
  await expect(page.getByTestId('save-status')).toContainText('Luring');

  // Reloaded with no network: the kept page opens with this device's text.
  await page.reload();
  await expect(form).toHaveAttribute('data-ready', 'true');
  await expect(form.locator('textarea').first()).toHaveValue(offlineText);

  // The network returns: the text is sent — at once, or at the next retry (every
  // ten seconds) when the first try races the network coming back.
  await context.setOffline(false);
  await expect(page.getByTestId('save-status')).toContainText('Tersimpan pukul', { timeout: SAVE_RETRY_MS + 10_000 });

  // A fresh device (nothing kept) sees the text on the server.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await signIn(fresh, writers.innovator);
  await fresh.goto(page.url());
  await expect(fresh.getByTestId('proposal-form').locator('textarea').first()).toHaveValue(offlineText);
  await other.close();
});

test('without JavaScript a proposal is started, saved, refused with the text kept, then endorsed and submitted', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'no-javascript', 'the plain-form path');
  const writers = WRITERS[testInfo.project.name];
  await signIn(page, writers.coordinator);
  await startEntry(page, `Surat Keterangan Kilat ${Date.now()}`);
  await writeWholeProposal(page);
  // A bad video link: refused beside the field, every section kept.
  await page.getByLabel('Video (YouTube)').fill('https://example.com/video');
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(page.getByTestId('proposal-form')).toContainText('Tempelkan tautan YouTube');
  await expect(page.getByTestId('proposal-form').locator('textarea').first()).toHaveValue(/Bagian 1/);
  await page.getByLabel('Video (YouTube)').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  await page.getByTestId('proposal-form').getByRole('checkbox').check();
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('flash')).toContainText('Tersimpan');
  await page.getByRole('button', { name: 'Setujui' }).click();
  await expect(page.getByTestId('entry-state')).toContainText('Disetujui');
  await page.getByRole('button', { name: 'Kirim ke panitia' }).click();
  await expect(page.getByTestId('entry-state')).toContainText('Diajukan');
});

test('the printable proposal has every section and signature lines', async ({ page }, testInfo) => {
  const writers = WRITERS[testInfo.project.name];
  await signIn(page, writers.coordinator);
  await page.goto('/entrant');
  await page.getByRole('link', { name: /Posyandu Remaja Digital|Antrean|Surat|Kartu/ }).first().click();
  await page.getByRole('link', { name: 'Cetak' }).click();
  await expect(page.getByTestId('proposal-print')).toContainText('Ringkasan');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.signature-lines')).toBeVisible();
  await expect(page.locator('header.topbar')).toBeHidden();
});

test('evidence: a PDF is attached to a section, a program renamed .pdf is refused beside the field', async ({ page }, testInfo) => {
  const writers = WRITERS[testInfo.project.name];
  await signIn(page, writers.coordinator);
  await startEntry(page, `Bukti ${testInfo.project.name} ${Date.now()}`);
  const upload = page.getByTestId('upload-form');
  await upload.getByLabel('Untuk bagian').selectOption({ label: 'Signifikansi' });
  await upload.getByLabel('Berkas').setInputFiles({
    name: 'SK Kepala Puskesmas.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
  });
  await upload.getByRole('button', { name: 'Unggah' }).click();
  await expect(page.getByTestId('flash')).toContainText('Berkas terlampir');
  await expect(page.getByTestId('evidence-file')).toContainText('SK Kepala Puskesmas.pdf');
  await expect(page.getByTestId('evidence-file')).toContainText('Signifikansi');

  await page.getByTestId('upload-form').getByLabel('Berkas').setInputFiles({
    name: 'laporan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('MZ\u0090\u0000 not a document at all'),
  });
  await page.getByTestId('upload-form').getByRole('button', { name: 'Unggah' }).click();
  await expect(page.getByTestId('upload-error')).toContainText('Hanya berkas PDF, JPEG, dan PNG');
  await expect(page.getByTestId('evidence-file')).toHaveCount(1);
});

test('two people editing one draft: the later save is not applied over the earlier one; both texts are shown and the writer chooses', async ({ page, browser }, testInfo) => {
  test.skip(testInfo.project.name === 'no-javascript', 'the conflict view is part of the autosave');
  test.setTimeout(90_000);
  const writers = WRITERS[testInfo.project.name];
  await signIn(page, writers.innovator);
  await startEntry(page, `Dua Penulis ${testInfo.project.name} ${Date.now()}`);
  const url = page.url();
  const form = page.getByTestId('proposal-form');
  await expect(form).toHaveAttribute('data-ready', 'true');

  // The coordinator opens the same draft (version 1) in another browser.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, writers.coordinator);
  await other.goto(url);
  const otherForm = other.getByTestId('proposal-form');
  await expect(otherForm).toHaveAttribute('data-ready', 'true');

  // The innovator saves first...
  await form.locator('textarea').first().fill('Teks dari inovator.');
  await expect(page.getByTestId('save-status')).toContainText('Tersimpan pukul');
  // ...then the coordinator's save, written on version 1, is refused.
  await otherForm.locator('textarea').first().fill('Teks dari koordinator.');
  const conflict = other.getByTestId('draft-conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('conflict-mine')).toHaveText('Teks dari koordinator.');
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Teks dari inovator.');

  // The coordinator keeps theirs knowingly: saved on top of the innovator's version.
  await conflict.getByTestId('keep-mine').click();
  await expect(other.getByTestId('save-status')).toContainText('Tersimpan pukul');
  await otherContext.close();
  await page.reload();
  await expect(form.locator('textarea').first()).toHaveValue('Teks dari koordinator.');
});

test("last year's entry shows its outcome and the judges' remarks, without who wrote them", async ({ page }) => {
  await signIn(page, 'koordinator.dinkes@juara.test');
  await expect(page).toHaveURL(/\/entrant$/);
  const lastYear = new Date().getFullYear() - 1;
  await page.getByRole('row').filter({ hasText: `kipp-malang-${lastYear}` }).first().getByRole('link').click();
  await expect(page.getByTestId('proposal-text')).toBeVisible();
  await expect(page.getByTestId('entry-state')).not.toHaveText(/Draf|Diajukan/);
  const feedback = page.getByTestId('feedback');
  await expect(feedback).toContainText('Penilaian proposal');
  for (const judge of ['Wibisono', 'Kusumawardani', 'Yoga Pratama', 'Maghfiroh', 'Agus Setiawan', '@juara.test']) {
    await expect(feedback).not.toContainText(judge);
  }
});

test("an office's innovator works on the office's own entries, not its units'; the office's coordinator sees both", async ({ page, browser }) => {
  // The Dinas Lingkungan Hidup and its unit, the UPT Laboratorium Lingkungan.
  const other = await browser.newContext();
  const coordinator = await other.newPage();
  await signIn(coordinator, 'koordinator.dlh@juara.test');
  await expect(coordinator).toHaveURL(/\/entrant$/);
  const theirs = coordinator.getByTestId('entries');
  await expect(theirs).toContainText('e-BSM');
  await expect(theirs).toContainText('SILABO');
  const unitEntry = (await theirs.getByRole('link', { name: /SILABO/ }).first().getAttribute('href'))!;
  await other.close();

  await signIn(page, 'inovator.dlh@juara.test');
  await expect(page).toHaveURL(/\/entrant$/);
  const mine = page.getByTestId('entries');
  await expect(mine).toContainText('e-BSM');
  await expect(mine).not.toContainText('SILABO');
  // Nor does the unit's entry open for them by its address.
  const response = await page.goto(unitEntry);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByTestId('proposal-text')).toHaveCount(0);
  await expect(page.getByTestId('proposal-form')).toHaveCount(0);
});
