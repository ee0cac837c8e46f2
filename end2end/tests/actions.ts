import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'juara-demo-2026';

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/** Signs out with the button in the top bar. */
export async function signOut(page: Page) {
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/$/);
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
