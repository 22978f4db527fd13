import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/test/harness/free-port';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';

let e2e: E2eApp;
let server: E2eApp['server'];
let context: BrowserContext;
let simulatorUrl: string;

beforeAll(async () => {
  // Charla asks the simulator, as it would ask Meta, whether a real number's credentials are good.
  const simulatorPort = await freePort();
  simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  e2e = await startE2eApp({
    env: { SIMULATOR_PORT: String(simulatorPort), GRAPH_API_BASE_URL: simulatorUrl },
  });
  server = e2e.server;
  context = await e2e.browser.newContext({ viewport: { width: 1100, height: 820 }, locale: 'es-MX' });
  await setUpOwnerByApi(context.request, server.url, {
    workspaceName: 'Zapatería Luna',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
});

afterAll(() => e2e?.close());

/** A number as it exists in "Meta", then connected to Charla through the API. */
async function connectedNumber() {
  const number = {
    phoneNumberId: `1099${randomBytes(4).readUInt32BE(0)}`,
    wabaId: `2099${randomBytes(4).readUInt32BE(0)}`,
    accessToken: `EAAG${randomBytes(30).toString('base64url')}`,
    appSecret: randomBytes(16).toString('hex'),
  };
  const registered = await fetch(`${simulatorUrl}/_sim/numbers/${number.phoneNumberId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...number,
      displayPhoneNumber: '+52 55 1234 5678',
      verifiedName: 'Zapatería Luna',
      webhookUrl: `${server.url}/webhooks/whatsapp`,
    }),
  });
  expect(registered.status).toBe(200);
  const connected = await context.request.post(`${server.url}/api/channels`, { data: number });
  expect(connected.status()).toBe(200);
  return number;
}

describe('disconnecting a number in Settings › Numbers', () => {
  it('asks first, saying what happens; then shows the number disconnected, with Reconnect prefilled', async () => {
    const number = await connectedNumber();
    const page = await context.newPage();
    await page.goto(`${server.url}/settings/channels`);
    const card = page.locator('[data-testid="channel-card"]', { hasText: number.phoneNumberId });
    await card.locator('[data-testid="disconnect-channel"]').click();

    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Las conversaciones y mensajes se conservan');
    expect(await dialog.textContent()).toContain('no se enviarán');
    expect(await dialog.textContent()).toContain('difusiones');
    await page.screenshot({ path: join(screenshotsDir, '60-disconnect-confirm.png') });
    await dialog.locator('[data-testid="confirm-submit"]').click();

    await expect
      .poll(() => card.locator('[data-testid="channel-status"]').textContent())
      .toBe('Desconectado');
    expect(await card.locator('[data-testid="channel-disconnected"]').textContent()).toContain(
      'su historial se conserva',
    );
    expect(await card.locator('[data-testid="disconnect-channel"]').count()).toBe(0);
    await page.screenshot({ path: join(screenshotsDir, '61-disconnected-card.png') });

    await card.locator('[data-testid="reconnect-channel"]').click();
    expect(await page.locator('[data-testid="connect-phone-number-id"]').inputValue()).toBe(
      number.phoneNumberId,
    );
    expect(await page.locator('[data-testid="connect-waba-id"]').inputValue()).toBe(number.wabaId);
    expect(await page.locator('[data-testid="connect-access-token"]').inputValue()).toBe('');
    await page.screenshot({ path: join(screenshotsDir, '62-reconnect-dialog.png') });

    // New credentials bring it back.
    const token = `EAAG${randomBytes(30).toString('base64url')}`;
    await fetch(`${simulatorUrl}/_sim/numbers/${number.phoneNumberId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...number,
        accessToken: token,
        displayPhoneNumber: '+52 55 1234 5678',
        webhookUrl: `${server.url}/webhooks/whatsapp`,
      }),
    });
    await page.fill('[data-testid="connect-access-token"]', token);
    await page.fill('[data-testid="connect-app-secret"]', number.appSecret);
    await page.click('[data-testid="connect-submit"]');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => card.locator('[data-testid="channel-status"]').textContent(), { timeout: 10_000 })
      .toBe('Conectado');
    await page.close();
  });

  it('speaks English too', async () => {
    await connectedNumber();
    expect((await context.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(
      200,
    );
    const page = await context.newPage();
    await page.goto(`${server.url}/settings/channels`);
    const card = page.locator('[data-testid="channel-card"]').last();
    await card.locator('[data-testid="disconnect-channel"]').click();
    await expect
      .poll(() => page.getByRole('dialog').textContent())
      .toContain('Messages waiting to leave will not be sent');
    await page.locator('[data-testid="confirm-submit"]').click();
    await expect
      .poll(() => card.locator('[data-testid="channel-status"]').textContent())
      .toBe('Disconnected');
    await page.screenshot({ path: join(screenshotsDir, '63-disconnected-card-en.png'), fullPage: true });
    await page.close();
  });
});
