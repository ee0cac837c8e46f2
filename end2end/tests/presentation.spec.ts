import { expect, test } from '@playwright/test';
import { editionSlugs, signIn } from './actions';
import { mailTo } from './mailbox';

// Last year's presentation stage: juri1 chairs the panel, juri2 sits on it.
const CONSOLE = '/judge/present/kipp-lalu-presentasi';

test('the panel chair starts and pauses an entry\'s slot and the panel\'s tablets follow', async ({ page, browser }) => {
  // Two people signed in on two devices, and a reload loop: more than one
  // person's worth of steps, so more than the default time on a loaded machine.
  test.slow();
  await signIn(page, 'juri1@juara.test');
  await expect(page).toHaveURL(/\/judge$/);
  await page.goto(CONSOLE);
  await expect(page.getByTestId('presentation-console')).toContainText('Anda ketua panel');

  // Start an entry that is not presenting yet.
  const next = page.getByTestId('queue').locator('li:not(.is-presenting)').first();
  const title = (await next.locator('strong').textContent())!.trim();
  await next.getByTestId('clock-start').click();
  const clock = page.getByTestId('clock');
  await expect(clock).toContainText(title);
  await expect(clock).toHaveAttribute('data-running', 'true');
  await expect(clock).toHaveAttribute('data-phase', 'video');
  await expect(page.getByTestId('clock-time')).toHaveText(/^[23]:\d\d$/);

  // Another judge of the panel sees the same entry presenting, without buttons.
  const other = await browser.newContext();
  const panel = await other.newPage();
  await signIn(panel, 'juri2@juara.test');
  await expect(panel).toHaveURL(/\/judge$/);
  await panel.goto(CONSOLE);
  await expect(panel.getByTestId('presentation-console')).toContainText('Ketua panel menjalankan');
  await expect(panel.getByTestId('clock')).toContainText(title);
  await expect(panel.getByTestId('clock-pause')).toHaveCount(0);

  // The chair pauses; the panel's page shows it paused (followed, or on reload).
  await page.getByTestId('clock-pause').click();
  await expect(clock).toHaveAttribute('data-running', 'false');
  await expect(async () => {
    await panel.reload();
    await expect(panel.getByTestId('clock')).toHaveAttribute('data-running', 'false', { timeout: 1_000 });
  }).toPass();
  await other.close();
});

test('a desk stage has no presentation console', async ({ page }) => {
  await signIn(page, 'juri1@juara.test');
  await expect(page).toHaveURL(/\/judge$/);
  const response = await page.goto('/judge/present/kipp-kini-desk');
  expect(response?.status()).toBe(404);
});

test('the committee sends each judge the presentation schedule with a calendar file per slot', async ({ page, request }) => {
  const { published } = await editionSlugs(request);
  await signIn(page, 'panitia@juara.test');
  await page.goto(`/admin/editions/${published}/stages/presentasi`);
  const schedule = page.getByTestId('presentation-schedule');
  await expect(schedule).toBeVisible();
  const slots = schedule.getByTestId('schedule-slots').locator('tbody tr');
  expect(await slots.count()).toBeGreaterThan(0);
  await schedule.getByRole('button', { name: 'Kirim jadwal ke juri' }).click();
  await expect(page.getByTestId('schedule-sent')).toContainText('Jadwal dikirim ke');
  // juri2 sits on last year's panel: the schedule reaches the mail server with
  // the slots on the edition's clock and a calendar file.
  const mail = await mailTo('juri2@juara.test', /^Jadwal presentasi/);
  expect(mail.body).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2} /);
  expect(mail.body).toContain('BEGIN:VCALENDAR');
  expect(mail.body).toContain('/judge/present/');
});
