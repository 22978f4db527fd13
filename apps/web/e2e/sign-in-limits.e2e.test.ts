import { join } from 'node:path';
import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';

// What a person sees when sign-ins are throttled, and the API docs under the security headers.

let e2e: E2eApp;
beforeAll(async () => {
  e2e = await startE2eApp();
  const owner = await e2e.browser.newContext({ locale: 'es-ES' });
  await setUpOwnerByApi(owner.request, e2e.server.url, {
    workspaceName: 'Tienda',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
  await owner.close();
});
afterAll(() => e2e?.close());

describe('sign-in limits in the browser', () => {
  it('shows the API docs to a signed-in member, with no CSP violation, and to nobody else', async () => {
    const { server, browser } = e2e;
    const stranger = await browser.newContext();
    const refused = await stranger.request.get(`${server.url}/docs/json`);
    expect(refused.status()).toBe(401);
    await stranger.close();

    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const login = await context.request.post(`${server.url}/api/auth/login`, {
      data: { email: 'carmen@example.com', password: 'una contraseña larga' },
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`${server.url}/docs`);
    await page.getByText('Charla API').first().waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'api-docs.png') });
    expect(cspErrors).toEqual([]);
    // "Try it out" works: it sends the CSRF header like the web app (here: signing out).
    const logout = page.locator('.opblock', { hasText: '/api/auth/logout' });
    await logout.locator('.opblock-summary').click();
    await logout.getByRole('button', { name: 'Try it out' }).click();
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
    await logout.getByRole('button', { name: 'Execute' }).click();
    expect((await answer).status()).toBe(204);
    expect((await context.request.get(`${server.url}/api/me`)).status()).toBe(401);
    await context.close();
  });

  it('tells someone who keeps getting the password wrong when to try again', async () => {
    const { server, browser } = e2e;
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    // An email that never signed in from here (Carmen's own address would skip the account's wait).
    await page.fill('input[name="email"]', 'carmen.lopez@example.com');
    const attempt = async (password: string) => {
      await page.fill('input[name="password"]', password);
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.click('[data-testid="login-submit"]');
      return (await answer).status();
    };
    for (let i = 0; i < 5; i++) expect(await attempt(`no es esta ${i}`)).toBe(401);
    await page.getByText('El correo o la contraseña no son correctos.').waitFor();
    expect(await attempt('otra más')).toBe(429);
    await page.getByText('Demasiados intentos fallidos. Vuelve a probar en 1 minuto.').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'sign-in-throttled.png') });
    await context.close();
  });
});
