import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/test/harness/free-port';
import { kill9, startServerProcess } from '../../server/test/harness/server-process';
import { launchChromium } from './browser';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'charla-e2e-'));
let server: Awaited<ReturnType<typeof startServerProcess>>;
let browser: Browser;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build-web-if-stale.mjs'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('web build failed');
  mkdirSync(shots, { recursive: true });
  const [port, simulatorPort] = [await freePort(), await freePort()];
  server = await startServerProcess(
    {
      DATA_DIR: dataDir,
      SIMULATOR_PORT: String(simulatorPort),
      LOG_LEVEL: 'warn',
      SECRET_KEY: 'ef'.repeat(32),
    },
    port,
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server) await kill9(server.child);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a newcomer answers a WhatsApp customer from the inbox', () => {
  it('creates the owner, chats from the simulated phone, replies, and sees delivered and read ticks', async () => {
    const agent = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' })
    ).newPage();
    await agent.goto(server.url);
    await agent.waitForURL(/\/setup/);
    await agent.screenshot({ path: join(shots, '01-setup.png') });
    await agent.fill('input[name="workspaceName"]', 'Panadería Sol');
    await agent.fill('input[name="name"]', 'Carmen');
    await agent.fill('input[name="email"]', 'carmen@example.com');
    await agent.fill('input[name="password"]', 'una contraseña larga');
    await agent.click('[data-testid="setup-submit"]');
    await agent.waitForURL(/\/inbox/);
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
