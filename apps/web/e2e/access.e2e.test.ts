import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';

let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];
let owner: BrowserContext;

const OWNER_PASSWORD = 'una contraseña larga';

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
  owner = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-ES' });
  await setUpOwnerByApi(owner.request, server.url, {
    workspaceName: 'Florería Luz',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
});
afterAll(() => e2e?.close());

/** An agent who accepted an invitation in their own browser and is looking at the inbox. */
async function signedInAgent(email: string, name: string) {
  const invitation = await owner.request.post(`${server.url}/api/invitations`, {
    data: { email, role: 'agent' },
  });
  const token = ((await invitation.json()) as { url: string }).url.split('/invite/')[1] ?? '';
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-ES' });
  const accepted = await context.request.post(`${server.url}/api/invitations/${token}/accept`, {
    data: { name, password: 'la contraseña del agente', locale: 'es' },
  });
  expect(accepted.status()).toBe(200);
  const page = await context.newPage();
  // Playwright reports each socket the page opens; the realtime one is the app's only socket.
  const socketClosed = new Promise<number>((resolve) =>
    page.on('websocket', (ws) => ws.on('close', () => resolve(Date.now()))),
  );
  await page.goto(`${server.url}/inbox`);
  await page.locator('[data-testid="user-menu"]').waitFor();
  return { context, page, socketClosed };
}

describe('managing who has access', () => {
  it('removing an agent mid-session: their next request gets 401 and their socket closes within a second', async () => {
    const agent = await signedInAgent('pablo@example.com', 'Pablo');
    expect((await agent.context.request.get(`${server.url}/api/me`)).status()).toBe(200);

    const page = await owner.newPage();
    await page.goto(`${server.url}/settings/members`);
    await page.locator('[data-testid="member-actions-pablo@example.com"]').click();
    await page.screenshot({ path: join(screenshotsDir, 'access-member-menu.png') });
    await page.locator('[data-testid="member-remove"]').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('vuelven a la cola');
    await page.screenshot({ path: join(screenshotsDir, 'access-remove-confirm.png') });

    const removedAt = Date.now();
    await page.locator('[data-testid="confirm-submit"]').click();
    const closedAt = await agent.socketClosed;
    expect(closedAt - removedAt).toBeLessThan(1_000);
    expect((await agent.context.request.get(`${server.url}/api/me`)).status()).toBe(401);
    // The agent's page ends on the sign-in page by itself.
    await agent.page.waitForURL(/\/login/, { timeout: 5_000 });
    await expect.poll(() => page.locator('[data-testid="member-row-pablo@example.com"]').count()).toBe(0);
    await agent.context.close();
    await page.close();
  });

  it('pending invitations can be revoked or given a new link', async () => {
    await owner.request.post(`${server.url}/api/invitations`, {
      data: { email: 'luz@example.com', role: 'agent' },
    });
    const page = await owner.newPage();
    await page.goto(`${server.url}/settings/members`);
    const row = page.locator('[data-testid="invitation-luz@example.com"]');
    await row.waitFor();
    await row.locator('[data-testid="invitation-renew"]').click();
    const url = await page.locator('[data-testid="invitation-url"]').inputValue();
    expect(url).toContain('/invite/');
    await page.screenshot({ path: join(screenshotsDir, 'access-invitation-new-link.png') });
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(screenshotsDir, 'access-members-page.png'), fullPage: true });
    page.once('dialog', (d) => void d.accept());
    await row.locator('[data-testid="invitation-revoke"]').click();
    await row.waitFor({ state: 'detached' });
    const preview = await owner.request.get(`${server.url}/api/invitations/${url.split('/invite/')[1]}`);
    expect(preview.status()).toBe(404);
    await page.close();
  });

  it('an admin’s reset link lets the member choose a new password on the reset page', async () => {
    const agent = await signedInAgent('rosa@example.com', 'Rosa');
    const page = await owner.newPage();
    await page.goto(`${server.url}/settings/members`);
    await page.locator('[data-testid="member-actions-rosa@example.com"]').click();
    await page.locator('[data-testid="member-reset-link"]').click();
    const url = await page.locator('[data-testid="invitation-url"]').inputValue();
    expect(url).toContain('/reset-password/');
    await page.close();

    const reset = await browser.newPage({ locale: 'es-ES' });
    await reset.goto(url);
    await reset.locator('#reset-password').fill('una clave nueva de Rosa');
    await reset.screenshot({ path: join(screenshotsDir, 'access-reset-page.png') });
    await reset.locator('[data-testid="reset-submit"]').click();
    await reset.locator('[data-testid="reset-done"]').waitFor();
    // Every session of hers ended; the new password signs her in.
    await agent.page.waitForURL(/\/login/, { timeout: 5_000 });
    await reset.locator('[data-testid="reset-to-login"]').click();
    await reset.fill('#login-email', 'rosa@example.com');
    await reset.fill('#login-password', 'una clave nueva de Rosa');
    await reset.click('[data-testid="login-submit"]');
    await reset.waitForURL(/\/inbox/);
    await reset.context().close();
    await agent.context.close();
  });

  it('changing my password in My account signs out my other browser and keeps this one', async () => {
    const other = await browser.newContext();
    const login = await other.request.post(`${server.url}/api/auth/login`, {
      data: { email: 'carmen@example.com', password: OWNER_PASSWORD },
    });
    expect(login.status()).toBe(200);

    const page = await owner.newPage();
    await page.goto(`${server.url}/settings/account`);
    await expect.poll(() => page.locator('[data-testid="my-session"]').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(screenshotsDir, 'access-account-page.png'), fullPage: true });
    await page.fill('#current-password', 'no es esta');
    await page.fill('#new-password', 'otra contraseña nueva');
    await page.click('[data-testid="password-submit"]');
    await expect.poll(() => page.locator('#current-password[aria-invalid="true"]').count()).toBe(1);
    await page.fill('#current-password', OWNER_PASSWORD);
    await page.click('[data-testid="password-submit"]');
    await page.locator('[data-testid="password-changed"]').waitFor();
    expect((await other.request.get(`${server.url}/api/me`)).status()).toBe(401);
    expect((await owner.request.get(`${server.url}/api/me`)).status()).toBe(200);
    await expect.poll(() => page.locator('[data-testid="my-session"]').count()).toBe(1);
    const old = await other.request.post(`${server.url}/api/auth/login`, {
      data: { email: 'carmen@example.com', password: OWNER_PASSWORD },
    });
    expect(old.status()).toBe(401);
    await other.close();
    await page.close();
  });
});
