import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';

const shots = screenshotsDir;
let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
});

afterAll(() => e2e?.close());

describe('a newcomer answers a WhatsApp customer from the inbox', () => {
  it('creates the owner, chats from the simulated phone, replies, and sees delivered and read ticks', async () => {
    const agent = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' })
    ).newPage();
    await setUpOwnerInBrowser(agent, server.url, 'Panadería Sol', () =>
      agent.screenshot({ path: join(shots, '01-setup.png') }),
    );
    // Spanish by default (the browser asks for es-MX), with a pointer to the sandbox phone.
    await agent.getByText('Aún no hay conversaciones').waitFor();
    await agent.screenshot({ path: join(shots, '02-empty-inbox.png') });

    await agent.click('[data-testid="nav-settings"]');
    await agent.goto(`${server.url}/settings/channels`);
    const phoneLink = agent.locator('[data-testid="open-phone"]').first();
    await phoneLink.waitFor();
    await agent.screenshot({ path: join(shots, '03-channels.png') });
    const phoneUrl = await phoneLink.getAttribute('href');
    expect(phoneUrl).toMatch(/\/phone\//);

    const phone = await (
      await browser.newContext({ viewport: { width: 400, height: 760 }, locale: 'es-MX' })
    ).newPage();
    await phone.goto(phoneUrl!);
    await phone.fill('[data-testid="phone-name"]', 'Lucía Gómez');
    await phone.fill('[data-testid="phone-number"]', '+52 55 1234 5678');
    await phone.click('[data-testid="phone-start"]');
    await phone.fill('[data-testid="phone-input"]', 'Hola, ¿tienen pan de muerto hoy? <b>gracias</b>');
    await phone.click('[data-testid="phone-send"]');

    await agent.click('[data-testid="nav-inbox"]');
    const item = agent.locator('[data-testid="conversation-item"]').first();
    await item.waitFor({ timeout: 15_000 });
    await expect.poll(() => item.textContent()).toContain('Lucía Gómez');
    await item.click();
    const inbound = agent.locator('[data-testid="message"][data-direction="inbound"]').first();
    await inbound.waitFor();
    // Customer text is rendered as text: the tags show literally, nothing is injected.
    expect(await inbound.textContent()).toContain('<b>gracias</b>');
    expect(await agent.locator('[data-testid="message"] b').count()).toBe(0);
    await expect
      .poll(() => agent.locator('[data-testid="window-indicator"]').getAttribute('data-open'))
      .toBe('true');

    await agent.fill('[data-testid="composer-input"]', '¡Sí! Recién horneado, le apartamos uno.');
    await agent.click('[data-testid="composer-send"]');
    const outbound = agent.locator('[data-testid="message"][data-direction="outbound"]').first();
    await outbound.waitFor();

    await phone
      .locator('[data-testid="phone-message"][data-from="business"]', { hasText: 'Recién horneado' })
      .waitFor({ timeout: 15_000 });
    await expect.poll(() => outbound.getAttribute('data-status'), { timeout: 15_000 }).toBe('read');
    await agent.screenshot({ path: join(shots, '04-conversation-read.png') });
    await phone.screenshot({ path: join(shots, '05-simulated-phone.png') });
  });
});
