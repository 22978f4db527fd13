import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { sandboxOf } from './sandbox';

let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];
let owner: BrowserContext;

const desktop = { viewport: { width: 1280, height: 800 }, locale: 'es-MX' } as const;
const SECRET = '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';

/** The order confirmation: the customer's first name and the order's name. */
const ORDER_CONFIRMED = {
  name: 'pedido_recibido',
  language: 'es',
  category: 'utility',
  parameterFormat: 'named',
  header: null,
  body: 'Hola {{nombre}}, recibimos tu pedido {{pedido}}. Te avisaremos en cuanto salga.',
  bodyExamples: { nombre: 'Ana', pedido: '#1001' },
  footer: 'Zapatería Luna',
  buttons: [],
};

async function approvedTemplate(request: APIRequestContext, wabaId: string): Promise<void> {
  const created = await request.post(`${server.url}/api/templates`, {
    data: { wabaId, submit: true, draft: ORDER_CONFIRMED },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await vi.waitFor(
    async () => {
      const { status } = (await (await request.get(`${server.url}/api/templates/${id}`)).json()) as {
        status: string;
      };
      if (status !== 'approved') throw new Error(`the template is ${status}`);
    },
    { timeout: 30_000, interval: 250 },
  );
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
  const sandbox = await sandboxOf(owner.request, server.url);
  await approvedTemplate(owner.request, sandbox.wabaId);
}, 120_000);
afterAll(() => e2e?.close());

/** The settings pane unrolled to its full height, at 1280 wide. */
async function shoot(page: Page, name: string) {
  await page.waitForTimeout(250);
  const height = await page.evaluate(() => {
    const pane = document.querySelector('[data-testid="settings-tabs"]')?.closest('.overflow-y-auto');
    return pane ? pane.scrollHeight + (window.innerHeight - pane.clientHeight) : document.body.scrollHeight;
  });
  await page.setViewportSize({ width: 1280, height: Math.max(800, Math.ceil(height)) });
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`) });
  await page.setViewportSize(desktop.viewport);
}

const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().textContent()) ?? '';

/** What Shopify does: the order as JSON, signed with the shop's webhook secret. */
function postOrder(url: string, customerFirstName: string) {
  const body = JSON.stringify({
    id: 450789469,
    name: '#1001',
    total_price: '49.90',
    currency: 'EUR',
    phone: null,
    customer: { id: 207119551, first_name: customerFirstName, last_name: 'Paz', phone: null },
    shipping_address: {
      first_name: customerFirstName,
      last_name: 'Paz',
      phone: '612 34 56 78',
      country_code: 'ES',
    },
    line_items: [{ title: 'Zapatilla Río', quantity: 1, price: '49.90' }],
  });
  return fetch(`${server.url}${new URL(url).pathname}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': 'zapateria-luna.myshopify.com',
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
    },
    body,
  });
}

describe('Settings › Integrations › Shopify', () => {
  it('the owner connects the shop, picks the order confirmation, and sees what Charla did with an order', async () => {
    const page = await owner.newPage();
    await page.goto(`${server.url}/settings/integrations`);
    const section = page.getByTestId('shopify-section');
    await section.waitFor();
    await shoot(page, 'shopify-connect-es-1280');

    await page.getByTestId('shopify-shop').fill('zapateria-luna.myshopify.com');
    await page.getByTestId('shopify-secret').fill(SECRET);
    await page.getByTestId('shopify-connect').click();
    const url = page.getByTestId('shopify-webhook-url');
    await url.waitFor();
    expect(await url.inputValue()).toMatch(/\/webhooks\/shopify\/[0-9a-f-]{36}$/);
    expect(await text(page, 'shopify-topics')).toContain('orders/create');
    expect(await text(page, 'shopify-connected')).toContain('zapateria-luna.myshopify.com');
    expect(await page.getByTestId('shopify-webhook-url-copy').count()).toBe(1);
    // The secret is never shown again.
    expect(await page.content()).not.toContain(SECRET);

    // The order confirmation: its template, the variables guessed from their names, on.
    await page
      .getByTestId('shopify-orderConfirmation-template')
      .selectOption({ label: 'pedido_recibido · es' });
    expect(await page.getByTestId('shopify-orderConfirmation-body.nombre').inputValue()).toBe(
      '{{customer.first_name}}',
    );
    expect(await page.getByTestId('shopify-orderConfirmation-body.pedido').inputValue()).toBe(
      '{{order.name}}',
    );
    await page.getByTestId('shopify-orderConfirmation-on').check();
    await page.getByTestId('shopify-automations-save').click();
    await page.getByTestId('shopify-saved').waitFor();

    // Shopify posts an order whose customer's name is markup: shown as text, and the confirmation goes.
    const res = await postOrder(await url.inputValue(), '<b>Lucía</b>');
    expect(res.status).toBe(200);
    await expect.poll(() => text(page, 'shopify-events'), { timeout: 15_000 }).toContain('Enviado');
    expect(await text(page, 'shopify-events')).toContain('orders/create');
    expect(await text(page, 'shopify-events')).toContain('+34612345678');
    await shoot(page, 'shopify-connected-es-1280');
  });
});
