import { expect, test } from '@playwright/test';
import { signIn } from './actions';

test('the committee previews an automatic assignment and applies it', async ({ page }) => {
  await signIn(page, 'panitia@juara.test');
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByTestId('open-assign').click();
  await expect(page).toHaveURL(/\/admin\/assign$/);

  // Three judges per entry is what the demo's desk stage already has.
  const form = page.getByTestId('assign-form');
  await form.getByLabel('Tahap').selectOption('kipp-kini-desk');
  await form.getByLabel('Juri per proposal').fill('3');
  await form.getByTestId('assign-preview').click();
  await expect(page.getByTestId('assign-plan')).toContainText('Tidak ada yang perlu ditugaskan');

  // Four: every entry gets one more, spread evenly over the five judges.
  await form.getByLabel('Juri per proposal').fill('4');
  await form.getByTestId('assign-preview').click();
  await expect(page).toHaveURL(/judges_per_entry=4/);
  const apply = page.getByTestId('assign-apply');
  if (await apply.count()) {
    const planned = (await page.getByTestId('assign-new').textContent())!.trim();
    expect(Number(planned)).toBeGreaterThan(0);
    await apply.click();
    await expect(page.getByTestId('assignment-applied')).toContainText(`${planned} penugasan baru`);
  }
  // Applied (here or by an earlier project): nothing is left to assign.
  await expect(page.getByTestId('assign-plan')).toContainText('Tidak ada yang perlu ditugaskan');
});
