import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { type Sandbox, sandboxOf } from './sandbox';

let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];
let owner: BrowserContext;
let sandbox: Sandbox;
let channelId: string;

const desktop = { viewport: { width: 1280, height: 800 }, locale: 'es-MX' } as const;

/** The order confirmation a shop sends: the customer's first name and the order number. */
const ORDER_CONFIRMED = {
  name: 'pedido_confirmado',
  language: 'es',
  category: 'utility',
  parameterFormat: 'named',
  header: null,
  body: 'Hola {{first_name}}, recibimos tu pedido {{order_number}}. Te avisaremos en cuanto salga.',
  bodyExamples: { first_name: 'Ana', order_number: '1001' },
  footer: 'Zapatería Luna',
  buttons: [],
};

/** Submitted to the simulator, which approves it after its review delay. */
async function approvedTemplate(request: APIRequestContext, wabaId: string): Promise<string> {
  const created = await request.post(`${server.url}/api/templates`, {
    data: { wabaId, submit: true, draft: ORDER_CONFIRMED },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  // In beforeAll, where expect.poll cannot run.
  await vi.waitFor(
    async () => {
      const template = await request.get(`${server.url}/api/templates/${id}`);
      const { status } = (await template.json()) as { status: string };
      if (status !== 'approved') throw new Error(`the template is ${status}`);
    },
    { timeout: 30_000, interval: 250 },
  );
  return id;
}

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
  owner = await browser.newContext(desktop);
  await setUpOwnerByApi(owner.request, server.url, {
    workspaceName: 'Zapatería Luna',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
  sandbox = await sandboxOf(owner.request, server.url);
  const channels = (await (await owner.request.get(`${server.url}/api/channels`)).json()) as {
    items: { id: string; phoneUrl: string | null }[];
  };
  channelId = channels.items.find((c) => c.phoneUrl)?.id ?? '';
  await approvedTemplate(owner.request, sandbox.wabaId);
}, 120_000);
afterAll(() => e2e?.close());

/**
 * A screenshot at 1280 wide. Settings scroll inside their own pane, which a full-page screenshot
 * does not unroll: `whole` makes the window as tall as the pane's content for the picture.
 */
async function shoot(page: Page, name: string, whole = true, width = 1280) {
  const path = join(screenshotsDir, `${name}.png`);
  await page.waitForTimeout(250);
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

const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().textContent()) ?? '';

/** What the shop does: POST JSON to the trigger's address (on this server) with the secret. */
function postToTrigger(url: string, secret: string, body: unknown) {
  return fetch(`${server.url}${new URL(url).pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-charla-secret': secret },
    body: JSON.stringify(body),
  });
}

/** A mapping field of the trigger's page, by its key (`phone`, `name`, `body.first_name`…). */
const mapField = (page: Page, key: string) =>
  page.locator(`[data-testid="trigger-map-field"][data-field="${key}"]`);

describe('Settings › Integrations', () => {
  it('the owner creates a trigger, a shop posts orders to it, and the fields are picked from a real order', async () => {
    const page = await owner.newPage();
    await page.goto(`${server.url}/settings/channels`);
    await page.getByTestId('settings-integrations').click();
    await page.waitForURL(/\/settings\/integrations$/);
    await expect.poll(() => text(page, 'integrations-page')).toContain('Todavía no hay integraciones');
    await shoot(page, 'integrations-empty-es-1280');

    // New trigger: a name, the number, the approved template and where its variables are.
    await page.getByTestId('trigger-create').click();
    await page.getByTestId('trigger-submit').click();
    await expect.poll(() => text(page, 'trigger-form')).toContain('Ponle un nombre');
    expect(await text(page, 'trigger-form')).toContain('Elige la plantilla que se enviará.');
    await page.getByTestId('trigger-name-input').fill('Tienda: pedido nuevo');
    await page.getByTestId('trigger-template').selectOption({ label: 'pedido_confirmado (es)' });
    const path = (key: string) => page.locator(`[data-testid="trigger-path-input"][data-field="${key}"]`);
    expect(await path('phone').inputValue()).toBe('billing.phone');
    expect(await path('name').inputValue()).toBe('billing.first_name');
    await path('body.first_name').fill('billing.first_name');
    await path('body.order_number').fill('number');
    await shoot(page, 'integrations-new-es-1280', false);
    await page.getByTestId('trigger-submit').click();

    // The address and the secret, the secret this once, with a curl command that uses both.
    const shown = page.getByTestId('trigger-secret-shown');
    await shown.waitFor();
    const url = await page.getByTestId('trigger-url').inputValue();
    const secret = await page.getByTestId('trigger-secret').inputValue();
    expect(url).toMatch(/\/webhooks\/in\/[\w-]{20,}$/);
    expect(secret.length).toBeGreaterThanOrEqual(20);
    const curl = await text(page, 'trigger-curl');
    expect(curl).toContain(`curl -X POST '${url}'`);
    expect(curl).toContain(`-H 'X-Charla-Secret: ${secret}'`);
    expect(curl).toContain(`-d '{"billing":{"phone":"+5215512345678","first_name":"Ana"},"number":"1001"}'`);
    expect(await text(page, 'trigger-hmac-note')).toContain('X-Charla-Signature: sha256=');
    expect(await shown.textContent()).toContain('Es la única vez que verás el secreto');
    await shoot(page, 'integrations-secret-es-1280', false);
    // A stray click beside the dialog does not lose the secret.
    await page.mouse.click(1240, 780);
    expect(await shown.isVisible()).toBe(true);
    await page.getByTestId('trigger-secret-done').click();
    await expect.poll(() => shown.count()).toBe(0);

    // The list says what it does, that nothing arrived yet; the secret is nowhere on the page.
    const card = page.locator('[data-testid="trigger-card"][data-name="Tienda: pedido nuevo"]');
    await expect
      .poll(() => card.getByTestId('trigger-action').textContent())
      .toMatch(/^Envía la plantilla «pedido_confirmado» desde \+/);
    expect(await card.getByTestId('trigger-last-received').textContent()).toBe('Todavía no ha recibido nada');
    expect(await page.content()).not.toContain(secret);

    // The shop posts an order: the template is sent.
    const order = {
      number: '1001',
      billing: { first_name: 'Ana', last_name: 'Paz', phone: '+5215512345678' },
      line_items: [{ name: 'Zapatilla Río', quantity: 1 }],
    };
    const sent = await postToTrigger(url, secret, order);
    expect(sent.status, await sent.clone().text()).toBe(202);
    expect(await sent.json()).toMatchObject({ outcome: 'sent', messageId: expect.any(String) });

    // Its page lists it as sent, its JSON as text.
    await card.getByTestId('trigger-fields-link').click();
    await page.waitForURL(/\/settings\/integrations\/[\w-]+$/);
    await page.reload();
    const rows = page.getByTestId('trigger-payload');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-outcome')).toBe('sent');
    expect(await rows.first().getByTestId('trigger-payload-outcome').textContent()).toBe('Enviado');
    const json = JSON.parse((await rows.first().getByTestId('trigger-payload-json').textContent()) ?? '');
    expect(json).toEqual(order);

    // Another tool posts its own shape, without billing.phone: refused, and listed as failed with why.
    const other = {
      number: '1002',
      customer: { full_name: 'Beatriz Ramos', mobile: '+5215598765432' },
      note: '<b>regalo</b>',
    };
    const failed = await postToTrigger(url, secret, other);
    expect(failed.status).toBe(422);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('phone_missing');
    await page.reload();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-outcome')).toBe('failed');
    expect(await rows.first().getByTestId('trigger-payload-outcome').textContent()).toBe('Falló');
    expect(await rows.first().getByTestId('trigger-payload-detail').textContent()).toContain(
      'No trae teléfono en billing.phone',
    );
    // Markup in a payload is text, never HTML.
    expect(await rows.first().getByTestId('trigger-payload-json').textContent()).toContain('"<b>regalo</b>"');
    expect(await page.locator('[data-testid="trigger-payload-json"] b').count()).toBe(0);

    // The fields of the newest payload are listed; a click fills the selected field.
    const sample = page.getByTestId('trigger-sample-path');
    // (In the order Postgres keeps a JSON object's keys, not always the order they were sent in.)
    const paths = await sample.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-path')));
    expect(paths.sort()).toEqual(['customer.full_name', 'customer.mobile', 'note', 'number']);
    expect(await mapField(page, 'phone').getByTestId('trigger-map-value').textContent()).toBe(
      'Nada en esa ruta en este pedido',
    );
    await mapField(page, 'phone').getByTestId('trigger-map-input').click();
    await page.locator('[data-testid="trigger-sample-path"][data-path="customer.mobile"]').click();
    await mapField(page, 'name').getByTestId('trigger-map-input').click();
    await page.locator('[data-testid="trigger-sample-path"][data-path="customer.full_name"]').click();
    await mapField(page, 'body.first_name').getByTestId('trigger-map-input').click();
    await page.locator('[data-testid="trigger-sample-path"][data-path="customer.full_name"]').click();
    expect(await mapField(page, 'phone').getByTestId('trigger-map-input').inputValue()).toBe(
      'customer.mobile',
    );
    expect(await mapField(page, 'body.first_name').getByTestId('trigger-map-input').inputValue()).toBe(
      'customer.full_name',
    );
    // The preview says what this order would give.
    const preview = page.getByTestId('trigger-preview');
    expect(await preview.getByTestId('trigger-preview-values').innerText()).toMatch(
      /Teléfono\s+\+5215598765432\s+Nombre\s+Beatriz Ramos\s+\{\{first_name\}\}\s+Beatriz Ramos\s+\{\{order_number\}\}\s+1002/,
    );
    expect(await text(page, 'trigger-preview-verdict')).toBe('Con este pedido se enviaría:');
    expect(await text(page, 'trigger-preview-message')).toContain(
      'Hola Beatriz Ramos, recibimos tu pedido 1002. Te avisaremos en cuanto salga.',
    );
    expect(await text(page, 'trigger-mapping-unsaved')).toBe('Cambios sin guardar');
    await shoot(page, 'integrations-mapping-es-1280');
    await page.getByTestId('trigger-mapping-save').click();
    await expect.poll(() => text(page, 'trigger-mapping-saved')).toBe('Guardado');
    const saved = (await (await owner.request.get(`${server.url}/api/integrations/triggers`)).json()) as {
      mapping: unknown;
    }[];
    expect(saved[0]?.mapping).toEqual({
      phone: 'customer.mobile',
      name: 'customer.full_name',
      values: {
        header: null,
        body: { first_name: 'customer.full_name', order_number: 'number' },
        buttons: {},
      },
    });

    // The same order again now goes through.
    const again = await postToTrigger(url, secret, other);
    expect(again.status, await again.clone().text()).toBe(202);
    await expect
      .poll(async () => (await rows.first().getAttribute('data-outcome')) ?? '', { timeout: 10_000 })
      .toBe('sent');

    // Rotating the secret: asked first, the new one shown once, the old one refused at once.
    await page.getByTestId('trigger-actions').click();
    await page.getByTestId('trigger-rotate').click();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('trigger-secret-shown').waitFor();
    const rotated = await page.getByTestId('trigger-secret').inputValue();
    expect(rotated).not.toBe(secret);
    await page.getByTestId('trigger-secret-done').click();
    expect((await postToTrigger(url, secret, other)).status).toBe(401);
    expect((await postToTrigger(url, rotated, other)).status).toBe(202);
    await page.close();
  });

  it('lists each trigger with what it does; one is turned off and another deleted', async () => {
    const sequence = await owner.request.post(`${server.url}/api/sequences`, {
      data: {
        name: 'Carrito abandonado',
        channelId,
        window: { timeZone: 'America/Mexico_City', weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '19:00' },
        steps: [
          {
            delay: { amount: 1, unit: 'hours' },
            message: { type: 'text', text: '¿Te ayudamos a terminar tu compra?' },
          },
        ],
      },
    });
    expect(sequence.status(), await sequence.text()).toBe(201);
    const sequenceId = ((await sequence.json()) as { id: string }).id;
    const flow = await owner.request.post(`${server.url}/api/flows`, {
      data: { name: 'Recordatorio de cita' },
    });
    const flowId = ((await flow.json()) as { id: string }).id;
    const draft = {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'bye', type: 'end', text: 'Te esperamos mañana a las 10:00.' },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'bye' }],
    };
    expect(
      (
        await owner.request.put(`${server.url}/api/flows/${flowId}`, {
          data: { name: 'Recordatorio de cita', draft },
        })
      ).status(),
    ).toBe(200);
    expect((await owner.request.post(`${server.url}/api/flows/${flowId}/publish`)).status()).toBe(200);
    for (const name of ['Formulario de contacto', 'Prueba vieja']) {
      const created = await owner.request.post(`${server.url}/api/integrations/triggers`, {
        data: { name, channelId, action: { kind: 'sequence', sequenceId }, mapping: { phone: 'phone' } },
      });
      expect(created.status(), await created.text()).toBe(201);
    }

    const page = await owner.newPage();
    await page.goto(`${server.url}/settings/integrations`);
    const cards = page.getByTestId('trigger-card');
    await expect.poll(() => cards.count()).toBe(3);
    const form = page.locator('[data-testid="trigger-card"][data-name="Formulario de contacto"]');
    await expect
      .poll(() => form.getByTestId('trigger-action').textContent())
      .toBe('Inscribe en la secuencia «Carrito abandonado»');
    const shop = page.locator('[data-testid="trigger-card"][data-name="Tienda: pedido nuevo"]');
    expect(await shop.getByTestId('trigger-last-received').textContent()).toMatch(/^Último recibido /);

    // The switch as people see it (its checkbox is for screen readers and keyboards).
    await form.locator('label:has([data-testid="trigger-toggle"])').click();
    await expect.poll(() => form.getAttribute('data-state')).toBe('off');
    expect(await form.getByTestId('trigger-state').textContent()).toBe('Apagado');

    // Edited from the list: the form shows what it does now.
    await page
      .locator('[data-testid="trigger-card"][data-name="Prueba vieja"]')
      .getByTestId('trigger-actions')
      .click();
    await page.getByTestId('trigger-menu-edit').click();
    expect(await page.getByTestId('trigger-kind-sequence').isChecked()).toBe(true);
    expect(await page.getByTestId('trigger-sequence').inputValue()).toBe(sequenceId);
    await page.getByTestId('trigger-name-input').fill('Prueba vieja (sin usar)');
    // A third thing a trigger can do: start one of the published bots.
    await page.locator('label:has([data-testid="trigger-kind-flow"])').click();
    await page.getByTestId('trigger-flow').selectOption({ label: 'Recordatorio de cita' });
    await shoot(page, 'integrations-trigger-bot-es-1280');
    await page.getByTestId('trigger-submit').click();
    const old = page.locator('[data-testid="trigger-card"][data-name="Prueba vieja (sin usar)"]');
    await old.waitFor();
    await expect
      .poll(() => old.getByTestId('trigger-action').textContent())
      .toBe('Inicia el bot «Recordatorio de cita»');
    await old.getByTestId('trigger-actions').click();
    await page.getByTestId('trigger-delete').click();
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => cards.count()).toBe(2);
    await shoot(page, 'integrations-list-es-1280');

    // In English, the trigger's page reads the same; on a phone it stacks up.
    expect((await owner.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(
      200,
    );
    await shop.getByTestId('trigger-name').click();
    await page.waitForURL(/\/settings\/integrations\/[\w-]+$/);
    await page.reload();
    await expect.poll(() => text(page, 'trigger-mapping')).toContain('Customer’s phone');
    expect(await text(page, 'trigger-preview-verdict')).toBe('With this order, Charla would send:');
    expect(await page.getByTestId('trigger-payload-outcome').allTextContents()).toEqual([
      'Sent',
      'Sent',
      'Failed',
      'Sent',
    ]);
    await shoot(page, 'integrations-mapping-en-1280');
    await shoot(page, 'integrations-mapping-en-390', true, 390);
    expect((await owner.request.patch(`${server.url}/api/me`, { data: { locale: 'es' } })).status()).toBe(
      200,
    );
    await page.close();
  });

  it('agents neither see the tab nor reach the integrations', async () => {
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
    expect(await page.getByTestId('settings-integrations').count()).toBe(0);
    expect((await agent.request.get(`${server.url}/api/integrations/triggers`)).status()).toBe(403);
    await page.goto(`${server.url}/settings/integrations`);
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('Solo el propietario y los administradores pueden ver y configurar las integraciones.');
    await agent.close();
  });
});
