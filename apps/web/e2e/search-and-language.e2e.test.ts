import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { customerMessagesUrl, sandboxOf } from './sandbox';

const shots = screenshotsDir;
let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];
/** The owner's session cookie only (no localStorage): each test opens its own context with it. */
let ownerSession: BrowserContextOptions['storageState'];

const contextOptions = { viewport: { width: 1280, height: 800 }, locale: 'es-MX' } as const;

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);

  // The owner creates the workspace through the API; the cookie lands in the browser context.
  const context = await browser.newContext(contextOptions);
  await setUpOwnerByApi(context.request, server.url, {
    workspaceName: 'Zapatería Luna',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
  ownerSession = await context.storageState();
  await context.close();
});

afterAll(() => e2e?.close());

function ownerContext(): Promise<BrowserContext> {
  return browser.newContext({ ...contextOptions, storageState: ownerSession });
}

type ConversationItem = { id: string; contact: { name: string | null } };
type MeResponse = { user: { locale: string } };

describe('searching messages and switching the language', () => {
  it('finds a Spanish message by a stemmed word and opens its conversation', async () => {
    const context = await ownerContext();
    const agent = await context.newPage();
    const api = context.request;

    // Two customers write to the sandbox number through the simulator.
    const sandbox = await sandboxOf(api, server.url);
    for (const [waId, name, text] of [
      ['5215522220001', 'Lucía Gómez', '¿Tienen zapatos rojos para niños?'],
      ['5215522220002', 'Jorge Ruiz', 'Quiero enviar un regalo'],
    ] as const) {
      const sent = await fetch(customerMessagesUrl(sandbox, waId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, text }),
      });
      expect(sent.status).toBeLessThan(300);
    }
    let conversations: ConversationItem[] = [];
    await expect
      .poll(
        async () => {
          const list = await api.get(`${server.url}/api/conversations`);
          conversations = ((await list.json()) as { items: ConversationItem[] }).items;
          return conversations.length;
        },
        { timeout: 15_000 },
      )
      .toBe(2);
    const lucia = conversations.find((c) => c.contact.name === 'Lucía Gómez');
    if (!lucia) throw new Error("Lucía's conversation should exist");

    await agent.goto(`${server.url}/inbox`);
    const items = agent.locator('[data-testid="conversation-item"]');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(2);

    // "zapato" (singular) finds "zapatos" through Spanish stemming; the gift message is not a result.
    await agent.fill('[data-testid="inbox-search"]', 'zapato');
    const results = agent.locator('[data-testid="search-result"]');
    await results.first().waitFor({ timeout: 15_000 });
    await expect.poll(() => results.count()).toBe(1);
    const result = results.first();
    const resultText = (await result.textContent()) ?? '';
    expect(resultText).toContain('Lucía Gómez');
    // A short message is shown whole, Spanish punctuation included.
    expect(resultText).toContain('¿Tienen zapatos rojos para niños?');
    expect(resultText).not.toContain('regalo');
    expect(resultText).not.toContain('Jorge Ruiz');
    const marks = result.locator('mark');
    expect(await marks.count()).toBeGreaterThanOrEqual(1);
    expect((await marks.allTextContents()).join(' ').toLowerCase()).toContain('zapato');
    await agent.screenshot({ path: join(shots, '50-search.png') });

    // The result opens Lucía's conversation.
    await result.click();
    await agent.waitForURL(new RegExp(`/inbox/${lucia.id}`));
    const inbound = agent.locator('[data-testid="message"][data-direction="inbound"]').first();
    await inbound.waitFor();
    expect(await inbound.textContent()).toContain('¿Tienen zapatos rojos para niños?');
    expect(await agent.locator('[data-testid="message"]', { hasText: 'regalo' }).count()).toBe(0);
    await context.close();
  });

  it('switches the interface to English, keeps it after a reload, and back to Spanish', async () => {
    const context = await ownerContext();
    const agent = await context.newPage();
    const api = context.request;
    const heading = agent.locator('main h1').first();
    const navInbox = agent.locator('[data-testid="nav-inbox"]');
    const navSettings = agent.locator('[data-testid="nav-settings"]');

    await agent.goto(`${server.url}/inbox`);
    await expect.poll(() => heading.textContent()).toBe('Bandeja');
    expect(await navInbox.getAttribute('aria-label')).toBe('Bandeja');
    expect(await navSettings.getAttribute('aria-label')).toBe('Ajustes');

    // English from the user menu.
    await agent.click('[data-testid="user-menu"]');
    await agent.click('[data-testid="locale-en"]');
    await expect.poll(() => heading.textContent()).toBe('Inbox');
    expect(await navInbox.getAttribute('aria-label')).toBe('Inbox');
    expect(await navSettings.getAttribute('aria-label')).toBe('Settings');
    expect(await agent.locator('html').getAttribute('lang')).toBe('en');
    // Saved on the account (PATCH /api/me), not only in this browser.
    await expect
      .poll(async () => ((await (await api.get(`${server.url}/api/me`)).json()) as MeResponse).user.locale)
      .toBe('en');
    await agent.screenshot({ path: join(shots, '51-english.png') });

    // A reload keeps English.
    await agent.reload();
    await expect.poll(() => heading.textContent()).toBe('Inbox');
    expect(await navSettings.getAttribute('aria-label')).toBe('Settings');

    // So does another browser with the same session and no stored choice (es-MX browser language).
    const fresh = await ownerContext();
    const other = await fresh.newPage();
    await other.goto(`${server.url}/inbox`);
    await expect.poll(() => other.locator('main h1').first().textContent()).toBe('Inbox');
    await fresh.close();

    // Back to Spanish.
    await agent.click('[data-testid="user-menu"]');
    await agent.click('[data-testid="locale-es"]');
    await expect.poll(() => heading.textContent()).toBe('Bandeja');
    expect(await navInbox.getAttribute('aria-label')).toBe('Bandeja');
    expect(await navSettings.getAttribute('aria-label')).toBe('Ajustes');
    expect(await agent.locator('html').getAttribute('lang')).toBe('es');
    await expect
      .poll(async () => ((await (await api.get(`${server.url}/api/me`)).json()) as MeResponse).user.locale)
      .toBe('es');
    await agent.reload();
    await expect.poll(() => heading.textContent()).toBe('Bandeja');
    await context.close();
  });
});
