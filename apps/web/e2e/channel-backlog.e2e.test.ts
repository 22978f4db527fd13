import { join } from 'node:path';
import type { APIRequestContext, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { customerMessagesUrl, type Sandbox, sandboxOf } from './sandbox';

let e2e: E2eApp;
let server: E2eApp['server'];
let context: BrowserContext;

beforeAll(async () => {
  e2e = await startE2eApp();
  server = e2e.server;
  context = await e2e.browser.newContext({ viewport: { width: 1100, height: 760 }, locale: 'es-MX' });
  await setUpOwnerByApi(context.request, server.url, {
    workspaceName: 'Zapatería Luna',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
});

afterAll(() => e2e?.close());

type Backlog = { queued: number; inDoubt: number; failedLastHour: number } | null;

/** A customer writes; resolves to their conversation's id once Charla has it. */
async function conversationWith(api: APIRequestContext, sandbox: Sandbox, waId: string, name: string) {
  const sent = await fetch(customerMessagesUrl(sandbox, waId), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, text: 'Hola, ¿me ayudan con mi pedido?' }),
  });
  expect(sent.status).toBeLessThan(300);
  let id = '';
  await expect
    .poll(
      async () => {
        const list = (await (await api.get(`${server.url}/api/conversations`)).json()) as {
          items: { id: string; contact: { waId: string } }[];
        };
        id = list.items.find((c) => c.contact.waId === waId)?.id ?? '';
        return id;
      },
      { timeout: 15_000 },
    )
    .not.toBe('');
  return id;
}

async function reply(api: APIRequestContext, conversationId: string, text: string) {
  const res = await api.post(`${server.url}/api/conversations/${conversationId}/messages`, {
    data: { text },
  });
  expect(res.status()).toBe(202);
}

const simulator = (sandbox: Sandbox, path: string, body: object) =>
  fetch(`${sandbox.simulatorUrl}/_sim/numbers/${encodeURIComponent(sandbox.phoneNumberId)}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('a number that cannot send', () => {
  it('shows on its card how many messages wait, since when, and WhatsApp’s last error', async () => {
    const api = context.request;
    const sandbox = await sandboxOf(api, server.url);
    const backlog = async () =>
      ((await (await api.get(`${server.url}/api/channels`)).json()) as { items: { backlog: Backlog }[] })
        .items[0]!.backlog;

    // One customer cannot receive WhatsApp: the reply fails (131026).
    const lost = await conversationWith(api, sandbox, '5215566660001', 'Lucía Gómez');
    expect((await simulator(sandbox, '/customers/5215566660001', { reachable: false })).status).toBe(200);
    await reply(api, lost, '¿Recibiste tu pedido?');
    await expect.poll(async () => (await backlog())?.failedLastHour, { timeout: 15_000 }).toBe(1);

    // WhatsApp is down for the number: twelve replies wait to leave.
    const waiting = await conversationWith(api, sandbox, '5215566660002', 'Jorge Ruiz');
    expect((await simulator(sandbox, '/behaviour', { outage: '131016' })).status).toBe(200);
    for (let i = 1; i <= 12; i++) await reply(api, waiting, `Mensaje ${i} sobre tu pedido`);
    await expect.poll(async () => (await backlog())?.queued, { timeout: 15_000 }).toBe(12);

    const page = await context.newPage();
    await page.goto(`${server.url}/settings/channels`);
    // The card speaks up once the oldest has waited more than 10 seconds.
    const notice = page.locator('[data-testid="channel-backlog"]');
    await notice.waitFor({ timeout: 30_000 });
    const waitingLine = page.locator('[data-testid="channel-backlog-waiting"]');
    expect(await waitingLine.textContent()).toMatch(
      /^12 mensajes esperando para salir \(el más antiguo hace \d+ s\)$/,
    );
    expect(await page.locator('[data-testid="channel-backlog-failed"]').textContent()).toBe(
      '1 mensaje falló en la última hora.',
    );
    const lastError = page.locator('[data-testid="channel-backlog-error"]');
    expect(await lastError.getAttribute('data-error-code')).toBe('131026');
    expect(await lastError.textContent()).toContain('Código 131026');
    await page.screenshot({ path: join(screenshotsDir, '90-channel-backlogged.png') });

    await page.click('[data-testid="user-menu"]');
    await page.click('[data-testid="locale-en"]');
    await expect
      .poll(() => waitingLine.textContent())
      .toMatch(/^12 messages waiting to send \(oldest \d+ s ago\)$/);
    expect(await lastError.textContent()).toContain('Code 131026');
    await page.screenshot({ path: join(screenshotsDir, '91-channel-backlogged-en.png') });

    // WhatsApp is back: the replies leave and the waiting line goes (the failure stays for the hour).
    expect((await simulator(sandbox, '/behaviour', { outage: null })).status).toBe(200);
    await expect
      .poll(
        async () => {
          const now = await backlog();
          return now && { queued: now.queued, inDoubt: now.inDoubt };
        },
        { timeout: 60_000 },
      )
      .toEqual({ queued: 0, inDoubt: 0 });
    await page.reload();
    await page.locator('[data-testid="channel-backlog-failed"]').waitFor();
    expect(await waitingLine.count()).toBe(0);
  }, 120_000);
});
