import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { customerMessagesUrl, sandboxOf } from './sandbox';

let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
});
afterAll(() => e2e?.close());

describe('comfort in a real browser', () => {
  it('moves, assigns and resolves from the keyboard, with the unread count in the tab title', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    const api = context.request;
    const martaId = await setUpOwnerByApi(api, server.url, {
      workspaceName: 'Café Nube',
      name: 'Marta',
      email: 'marta@example.com',
    });
    const sandbox = await sandboxOf(api, server.url);
    const customerWrites = async (waId: string, name: string, text: string) => {
      const sent = await fetch(customerMessagesUrl(sandbox, waId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, text }),
      });
      expect(sent.status).toBeLessThan(300);
    };
    await customerWrites('5215599990001', 'Iván Soto', '¿Abren el domingo?');
    // WhatsApp's timestamps count seconds: a second apart, Elena's is surely the newer one.
    await new Promise((r) => setTimeout(r, 1_100));
    await customerWrites('5215599990002', 'Elena Ríos', 'Quiero reservar una mesa');

    const page = await context.newPage();
    await page.goto(`${server.url}/inbox`);
    const items = page.locator('[data-testid="conversation-item"]');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.title()).toBe('(2) Charla');

    // j opens the first conversation of the list (the newest: Elena); reading it lowers the count.
    await page.locator('body').press('j');
    await page.waitForURL(/\/inbox\/[^/]+$/);
    const first = page.url().split('/inbox/')[1];
    await expect
      .poll(() => page.locator('[data-testid="thread-contact-name"]').textContent())
      .toBe('Elena Ríos');
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('(1) Charla');
    await page.locator('body').press('j');
    await expect
      .poll(() => page.locator('[data-testid="thread-contact-name"]').textContent())
      .toBe('Iván Soto');
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('Charla');
    await page.locator('body').press('k');
    await expect.poll(() => page.url().split('/inbox/')[1]).toBe(first);
    // The thread shown is Elena's again (its header, with the assign menu, is the new one) before
    // 'a': a menu opened on the header being replaced closes with it.
    await expect
      .poll(() => page.locator('[data-testid="thread-contact-name"]').textContent())
      .toBe('Elena Ríos');

    // a opens the assign menu on the keyboard; Enter picks the first member (Marta herself).
    await page.locator('body').press('a');
    await page.locator(`[data-testid="assign-agent-${martaId}"]`).waitFor();
    // The menu moves focus to its first item once it has opened: Enter before that reaches the trigger.
    // Under a loaded CI machine that takes longer than expect.poll's default second.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? ''), {
        timeout: 10_000,
      })
      .toBe(`assign-agent-${martaId}`);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="assign-menu"]').getAttribute('data-assignee'), {
        timeout: 10_000,
      })
      .toBe(martaId);

    // e resolves the open conversation.
    await page.locator('body').press('e');
    await expect
      .poll(() => page.locator('[data-testid="status-menu"]').getAttribute('data-status'), {
        timeout: 10_000,
      })
      .toBe('resolved');

    // Shortcuts do not fire while typing in the composer.
    await page.locator('[data-testid="composer-input"]').fill('');
    await page.locator('[data-testid="composer-input"]').press('j');
    expect(page.url().split('/inbox/')[1]).toBe(first);
    expect(await page.locator('[data-testid="composer-input"]').inputValue()).toBe('j');
    await page.locator('[data-testid="composer-input"]').fill('');

    // A new message while the tab is open: the title counts it at once.
    await customerWrites('5215599990003', 'Raúl Peña', 'Hola, ¿tienen pan sin gluten?');
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('(1) Charla');
    await page.screenshot({ path: join(screenshotsDir, '64-comfort-keyboard.png') });
  }, 90_000);
});
