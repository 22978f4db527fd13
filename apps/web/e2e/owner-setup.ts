import type { APIRequestContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Every e2e owner's password: long enough for the setup rules. */
const PASSWORD = 'una contraseña larga';

/**
 * What a new user does first: opens Charla, lands on the setup form, creates the workspace as
 * Carmen and arrives in the inbox. `beforeSubmit` runs on the empty form (e.g. a screenshot).
 */
export async function setUpOwnerInBrowser(
  page: Page,
  url: string,
  workspaceName: string,
  beforeSubmit?: () => Promise<unknown>,
): Promise<void> {
  await page.goto(url);
  await page.waitForURL(/\/setup/);
  await beforeSubmit?.();
  await page.fill('input[name="workspaceName"]', workspaceName);
  await page.fill('input[name="name"]', 'Carmen');
  await page.fill('input[name="email"]', 'carmen@example.com');
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('[data-testid="setup-submit"]');
  await page.waitForURL(/\/inbox/);
}

/**
 * The same setup through the API the form calls, in Spanish; `request` keeps the owner's session.
 * Resolves to the owner's user id.
 */
export async function setUpOwnerByApi(
  request: APIRequestContext,
  url: string,
  owner: { workspaceName: string; name: string; email: string },
): Promise<string> {
  const setup = await request.post(`${url}/api/setup`, {
    data: { ...owner, password: PASSWORD, locale: 'es' },
  });
  expect(setup.status()).toBe(200);
  return ((await setup.json()) as { user: { id: string } }).user.id;
}
