import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WEBHOOK_EVENT_TYPES } from '@charla/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';

let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];
let owner: BrowserContext;
let ownerId: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

const desktop = { viewport: { width: 1280, height: 800 }, locale: 'es-MX' } as const;

/**
 * The integration's endpoint: a server on 127.0.0.1 that keeps every request and answers with the
 * status it is told (200 with a small JSON, or 500 as a server that is down would).
 */
async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string; answered: number }[] = [];
  let status = 200;
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: status });
      if (status < 300)
        res.writeHead(status, { 'content-type': 'application/json' }).end('{"received":true}');
      else res.writeHead(status, { 'content-type': 'text/plain' }).end('Base de datos en mantenimiento');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/charla`,
    received,
    answer(code: number) {
      status = code;
    },
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

beforeAll(async () => {
  receiver = await startReceiver();
  // Charla calls only public addresses; this test's receiver is on loopback, so it is allowed here.
  e2e = await startE2eApp({ env: { OUTBOUND_HTTP_ALLOW: '127.0.0.1' } });
  ({ server, browser } = e2e);
  owner = await browser.newContext(desktop);
  ownerId = await setUpOwnerByApi(owner.request, server.url, {
    workspaceName: 'Zapatería Luna',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
});
afterAll(async () => {
  await e2e?.close();
  await receiver?.close();
});

/**
 * A screenshot at 1280 wide. Settings scroll inside their own pane, which a full-page screenshot
 * does not unroll: `whole` makes the window as tall as the pane's content for the picture.
 */
async function shoot(page: Page, name: string, whole = true, width = 1280) {
  const path = join(screenshotsDir, `${name}.png`);
  if (!whole) return void (await page.screenshot({ path }));
  await page.setViewportSize({ width, height: 800 });
  const height = await page.evaluate(() => {
    const pane = document.querySelector('[data-testid="settings-tabs"]')?.closest('.overflow-y-auto');
    return pane ? pane.scrollHeight + (window.innerHeight - pane.clientHeight) : document.body.scrollHeight;
  });
  await page.setViewportSize({ width, height: Math.max(800, Math.ceil(height)) });
  await page.screenshot({ path });
  await page.setViewportSize(desktop.viewport);
}

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the secret's bytes. */
function signatureOf(secret: string, headers: IncomingHttpHeaders, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

describe('Settings › Webhooks', () => {
  it('the owner subscribes a URL, sees the secret once, sends a test event, follows a failure and replays it', async () => {
    const page = await owner.newPage();
    await page.goto(`${server.url}/settings/channels`);
    await page.getByTestId('settings-webhooks').click();
    await page.waitForURL(/\/settings\/webhooks$/);
    // No webhooks yet: the page says what they are for, and lists the events with an example each.
    await expect.poll(() => text(page, 'webhooks-page')).toContain('Todavía no hay webhooks');
    const catalogue = page.getByTestId('webhook-catalogue-event');
    await expect.poll(() => catalogue.count()).toBe(WEBHOOK_EVENT_TYPES.length);
    const received = page.locator('[data-testid="webhook-catalogue-event"][data-event="message.received"]');
    expect(await received.textContent()).toContain('Un cliente escribió');
    await received.getByTestId('webhook-catalogue-example-toggle').click();
    const example = JSON.parse((await received.getByTestId('webhook-catalogue-example').textContent()) ?? '');
    expect(example).toMatchObject({ type: 'message.received', data: { contact: { name: 'Ana Ruiz' } } });
    await shoot(page, 'webhooks-empty-es-1280');
    await received.getByTestId('webhook-catalogue-example-toggle').click();
    expect(await received.getByTestId('webhook-catalogue-example').count()).toBe(0);

    // The form says what is missing before sending anything.
    await page.getByTestId('webhook-create').click();
    await page.getByTestId('webhook-submit').click();
    await expect.poll(() => text(page, 'webhook-form')).toContain('Escribe la dirección completa');
    expect(await text(page, 'webhook-form')).toContain('Elige al menos un evento.');
    await page.getByTestId('webhook-url-input').fill(receiver.url);
    await page.getByTestId('webhook-description-input').fill('Pedidos de la tienda en línea');
    await page.locator('[data-testid="webhook-event-option"][data-event="message.received"]').check();
    await page.locator('[data-testid="webhook-event-option"][data-event="message.status_changed"]').check();
    await shoot(page, 'webhooks-new-es-1280', false);
    await page.getByTestId('webhook-submit').click();

    // The secret, shown this once, with how to verify a delivery.
    const shown = page.getByTestId('webhook-secret-shown');
    await shown.waitFor();
    const secret = await page.getByTestId('webhook-secret').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);
    const shownText = (await shown.textContent()) ?? '';
    expect(shownText).toContain('Es la única vez que lo verás');
    for (const header of ['webhook-id', 'webhook-timestamp', 'webhook-signature'])
      expect(shownText).toContain(header);
    expect(await page.getByTestId('webhook-standard-link').getAttribute('href')).toBe(
      'https://www.standardwebhooks.com/',
    );
    await shoot(page, 'webhooks-secret-es-1280', false);
    // A stray click beside the dialog does not lose the secret.
    await page.mouse.click(1240, 780);
    expect(await shown.isVisible()).toBe(true);
    await page.getByTestId('webhook-secret-done').click();
    await expect.poll(() => shown.count()).toBe(0);

    // The list: the URL, its description, its events, active; the secret nowhere.
    const card = page.locator(`[data-testid="webhook-card"][data-url="${receiver.url}"]`);
    await expect.poll(() => card.getByTestId('webhook-state').textContent()).toBe('Activo');
    expect(await card.getByTestId('webhook-description').textContent()).toBe('Pedidos de la tienda en línea');
    expect(await card.getByTestId('webhook-events').locator('li').allTextContents()).toEqual([
      'message.received',
      'message.status_changed',
    ]);
    expect(await page.content()).not.toContain(secret);
    await shoot(page, 'webhooks-list-es-1280');

    // Its deliveries: none yet. A test event reaches the receiver, signed with the secret.
    await card.getByTestId('webhook-deliveries-link').click();
    await page.waitForURL(/\/settings\/webhooks\/[0-9a-f-]{36}$/);
    await expect.poll(() => text(page, 'webhook-deliveries')).toContain('Todavía no hay entregas');
    await page.getByTestId('webhook-test').click();
    await expect.poll(() => text(page, 'webhook-test-sent')).toContain('Evento de prueba enviado');
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
    const first = receiver.received[0]!;
    expect(JSON.parse(first.body)).toMatchObject({
      type: 'webhook.test',
      data: { message: 'Hola desde Charla 👋' },
    });
    expect((first.headers['webhook-signature'] as string).split(' ')).toContain(
      signatureOf(secret, first.headers, first.body),
    );

    // The log shows it delivered, 200, with the receiver's answer and the payload.
    const rows = page.getByTestId('webhook-delivery');
    await expect.poll(() => rows.first().getAttribute('data-status'), { timeout: 10_000 }).toBe('delivered');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getByTestId('webhook-delivery-status').textContent()).toBe('Entregada');
    await rows.first().getByTestId('webhook-delivery-toggle').click();
    const attempt = rows.first().getByTestId('webhook-attempt');
    expect(await attempt.getByTestId('webhook-attempt-result').textContent()).toBe('HTTP 200');
    expect(await attempt.getByTestId('webhook-attempt-response').textContent()).toBe('{"received":true}');
    expect(await attempt.getByTestId('webhook-attempt-latency').textContent()).toMatch(/^\d+ ms$/);
    const payload = JSON.parse(
      (await rows.first().getByTestId('webhook-delivery-payload').textContent()) ?? '',
    );
    expect(payload).toEqual(JSON.parse(first.body));
    // Closed again, so the next delivery is the one open.
    await rows.first().getByTestId('webhook-delivery-toggle').click();

    // The receiver goes down: the next test event fails with its 500 and its answer, and waits to be retried.
    receiver.answer(500);
    await page.getByTestId('webhook-test').click();
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => rows.count()).toBe(2);
    const failing = rows.first();
    await expect.poll(() => failing.getByTestId('webhook-delivery-last-code').textContent()).toBe('500');
    expect(await failing.getAttribute('data-status')).toBe('pending');
    expect(await failing.getByTestId('webhook-delivery-status').textContent()).toBe('Pendiente');
    await failing.getByTestId('webhook-delivery-toggle').click();
    const failed = failing.getByTestId('webhook-attempt').first();
    expect(await failed.getByTestId('webhook-attempt-result').textContent()).toBe('HTTP 500');
    expect(await failed.getByTestId('webhook-attempt-response').textContent()).toBe(
      'Base de datos en mantenimiento',
    );
    expect(await failed.textContent()).toContain('Solo una respuesta 2xx cuenta como entregada.');
    // The webhook now says since when its deliveries fail.
    await expect
      .poll(() => page.getByTestId('webhook-state').textContent(), { timeout: 15_000 })
      .toBe('Con fallos');
    expect(await text(page, 'webhook-failing-notice')).toContain('Las entregas fallan desde');
    await shoot(page, 'webhooks-deliveries-es-1280');

    // Back up: Replay sends it again with the same webhook-id, and it is delivered.
    receiver.answer(200);
    const failedId = receiver.received[1]!.headers['webhook-id'];
    await failing.getByTestId('webhook-delivery-replay').click();
    await expect.poll(() => failing.getAttribute('data-status'), { timeout: 10_000 }).toBe('delivered');
    const codes = await failing
      .getByTestId('webhook-attempt')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-status-code')));
    expect(codes[0]).toBe('500');
    expect(codes.at(-1)).toBe('200');
    expect(await failing.getByTestId('webhook-delivery-last-code').textContent()).toBe('200');
    const replayed = receiver.received.filter((r) => r.answered === 200).at(-1)!;
    expect(replayed.headers['webhook-id']).toBe(failedId);
    await expect
      .poll(() => page.getByTestId('webhook-state').textContent(), { timeout: 15_000 })
      .toBe('Activo');
    await shoot(page, 'webhooks-replayed-es-1280');

    // The filter: nothing failed for good; both delivered.
    await page.getByTestId('delivery-filter-failed').click();
    await expect.poll(() => text(page, 'webhook-deliveries')).toContain('No hay entregas con este estado.');
    await page.getByTestId('delivery-filter-delivered').click();
    await expect.poll(() => rows.count()).toBe(2);
    await page.close();
  });

  it('rotates the secret (the old one signs for 24 hours), turns it off and on, deletes it, and logs it all', async () => {
    const page = await owner.newPage();
    await page.goto(`${server.url}/settings/webhooks`);
    const card = page.locator(`[data-testid="webhook-card"][data-url="${receiver.url}"]`);
    await card.waitFor();

    // Rotating asks first, then shows the new secret once, saying until when the old one works.
    await card.getByTestId('webhook-actions').click();
    await page.getByTestId('webhook-rotate').click();
    await expect
      .poll(() => page.getByRole('dialog').textContent())
      .toContain('¿Renovar el secreto de firma?');
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('webhook-secret-shown').waitFor();
    const secret = await page.getByTestId('webhook-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await text(page, 'webhook-secret-old-until')).toContain('El secreto anterior seguirá firmando');
    await shoot(page, 'webhooks-rotated-es-1280', false);
    await page.getByTestId('webhook-secret-done').click();
    await expect.poll(() => card.textContent()).toContain('El secreto anterior también firma hasta');

    // Off: no test events, the card says so; on again.
    await card.getByTestId('webhook-actions').click();
    await page.getByTestId('webhook-toggle').click();
    await expect.poll(() => card.getByTestId('webhook-state').textContent()).toBe('Apagado');
    expect(await card.getByTestId('webhook-off-notice').textContent()).toContain(
      'Charla no le envía eventos nuevos',
    );
    await card.getByTestId('webhook-actions').click();
    expect(await page.getByTestId('webhook-menu-test').getAttribute('data-disabled')).not.toBeNull();
    await page.getByTestId('webhook-toggle').click();
    await expect.poll(() => card.getByTestId('webhook-state').textContent()).toBe('Activo');

    // Editing: the description and the events.
    await card.getByTestId('webhook-actions').click();
    await page.getByTestId('webhook-menu-edit').click();
    expect(await page.getByTestId('webhook-url-input').inputValue()).toBe(receiver.url);
    await page.getByTestId('webhook-description-input').fill('CRM');
    await page.locator('[data-testid="webhook-event-option"][data-event="conversation.created"]').check();
    await page.getByTestId('webhook-submit').click();
    await expect.poll(() => card.getByTestId('webhook-description').textContent()).toBe('CRM');
    expect(await card.getByTestId('webhook-events').locator('li').allTextContents()).toContain(
      'conversation.created',
    );

    // Deleting asks first.
    await card.getByTestId('webhook-actions').click();
    await page.getByTestId('webhook-delete').click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain(receiver.url);
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => text(page, 'webhooks-page')).toContain('Todavía no hay webhooks');

    // The activity log tells the story in words (who did it is the server's to name).
    await page.goto(`${server.url}/settings/activity`);
    const log = page.locator('main');
    await expect.poll(() => log.textContent()).toContain(`eliminó el webhook ${receiver.url}`);
    const story = (await log.textContent()) ?? '';
    expect(story).toContain(`creó el webhook ${receiver.url}`);
    expect(story).toContain(`renovó el secreto del webhook ${receiver.url}`);
    expect(story).toContain(`cambió el webhook ${receiver.url} (encendido/apagado)`);
    expect(story).toContain(`cambió el webhook ${receiver.url} (eventos, descripción)`);
    await page.close();
  });

  it('speaks English too: a webhook made through the same route, its deliveries and the catalogue', async () => {
    const english = await browser.newContext({
      viewport: desktop.viewport,
      locale: 'en-US',
      storageState: await owner.storageState(),
    });
    // This browser's own choice of language for Carmen (the menu saves it so).
    await english.addInitScript((id) => localStorage.setItem(`charla.locale.${id}`, 'en'), ownerId);
    const made = await english.request.post(`${server.url}/api/webhooks`, {
      data: { url: receiver.url, events: ['conversation.created'], description: 'Nightly CRM sync' },
    });
    expect(made.status()).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const page = await english.newPage();
    await page.goto(`${server.url}/settings/webhooks`);
    const card = page.locator(`[data-testid="webhook-card"][data-url="${receiver.url}"]`);
    await expect.poll(() => card.getByTestId('webhook-state').textContent()).toBe('Active');
    expect(await text(page, 'webhook-catalogue')).toContain('Events you can receive');
    await card.getByTestId('webhook-deliveries-link').click();
    await page.waitForURL(new RegExp(`/settings/webhooks/${id}$`));
    await page.getByTestId('webhook-test').click();
    const row = page.getByTestId('webhook-delivery').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('delivered');
    expect(await row.getByTestId('webhook-delivery-status').textContent()).toBe('Delivered');
    await row.getByTestId('webhook-delivery-toggle').click();
    expect(await text(page, 'webhook-delivery-details')).toContain('Payload sent');
    await shoot(page, 'webhooks-deliveries-en-1280');
    // On a phone the same page stacks up.
    await shoot(page, 'webhooks-deliveries-en-390', true, 390);
    await english.close();
  });

  it('agents neither see the tab nor reach the webhooks', async () => {
    const invitation = await owner.request.post(`${server.url}/api/invitations`, {
      data: { email: 'pablo@example.com', role: 'agent' },
    });
    const token = ((await invitation.json()) as { url: string }).url.split('/invite/')[1] ?? '';
    const agent = await browser.newContext(desktop);
    const accepted = await agent.request.post(`${server.url}/api/invitations/${token}/accept`, {
      data: { name: 'Pablo', password: 'la contraseña del agente', locale: 'es' },
    });
    expect(accepted.status()).toBe(200);
    const page = await agent.newPage();
    await page.goto(`${server.url}/settings/channels`);
    await page.getByTestId('settings-tabs').waitFor();
    expect(await page.getByTestId('settings-webhooks').count()).toBe(0);
    expect((await agent.request.get(`${server.url}/api/webhooks`)).status()).toBe(403);
    await page.goto(`${server.url}/settings/webhooks`);
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('Solo el propietario y los administradores pueden ver y configurar los webhooks.');
    await agent.close();
  });
});
