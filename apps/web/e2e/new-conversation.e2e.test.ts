import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';
import { customerMessagesUrl, type Sandbox, sandboxOf, simulatorSends } from './sandbox';

const shots = screenshotsDir;
let e2e: E2eApp;
let ownerPage: Page;
let sandbox: Sandbox;

beforeAll(async () => {
  e2e = await startE2eApp();
});
afterAll(() => e2e?.close());

/** An approved template of the sandbox number's account, created and reviewed through the API. */
async function approvedTemplate(page: Page, serverUrl: string, sandbox: Sandbox, name: string) {
  const created = await page.request.post(`${serverUrl}/api/templates`, {
    data: {
      wabaId: sandbox.wabaId,
      submit: true,
      draft: {
        name,
        language: 'es',
        category: 'utility',
        parameterFormat: 'named',
        header: null,
        body: 'Hola {{first_name}}, tu pedido {{order_number}} está listo para recoger.',
        bodyExamples: { first_name: 'Ana', order_number: '1234' },
        footer: 'Pastelería Luna',
        buttons: [],
      },
    },
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`${serverUrl}/api/templates/${id}`)).json()) as { status: string })
          .status,
      { timeout: 30_000 },
    )
    .toBe('approved');
}

async function fillAndSend(page: Page, orderNumber: string) {
  await page.click(`[data-testid="template-picker-item"][data-name="pedido_listo"]`);
  await page.locator('[data-testid="template-values-form"]').waitFor();
  await page.fill('#template-value-order_number', orderNumber);
}

describe('new conversation', () => {
  it('from a contact: picks the template, fills its variables, sends, and the thread opens with it (ES, desktop)', async () => {
    const { server, browser } = e2e;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    const page = await context.newPage();
    ownerPage = page;
    await setUpOwnerInBrowser(page, server.url, 'Pastelería Luna');
    sandbox = await sandboxOf(page.request, server.url);
    await approvedTemplate(page, server.url, sandbox, 'pedido_listo');
    const wrote = await fetch(customerMessagesUrl(sandbox, '5215512340099'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lucía Gómez', text: 'Hola' }),
    });
    expect(wrote.status).toBeLessThan(300);

    await page.goto(`${server.url}/contacts`);
    await page.locator('[data-testid="contact-row"]').first().click();
    const panel = page.locator('[data-testid="contact-panel"]');
    await panel.getByTestId('new-conversation-open').click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText('WhatsApp solo deja que un negocio empiece una conversación con una plantilla aprobada')
      .waitFor();
    expect(await dialog.getByTestId('new-conversation-customer').textContent()).toBe('Lucía Gómez');
    await dialog.locator('[data-testid="template-picker-item"]').first().waitFor();
    await page.screenshot({ path: join(shots, 'new-conversation-01-contact-es.png') });

    await fillAndSend(page, '7781');
    // The first name comes from the contact; the preview shows what Lucía will read.
    expect(await page.inputValue('#template-value-first_name')).toBe('Lucía');
    await dialog.getByText('Hola Lucía, tu pedido 7781 está listo para recoger.').waitFor();
    await page.screenshot({ path: join(shots, 'new-conversation-02-values-es.png') });
    await page.click('[data-testid="template-send"]');

    await page.waitForURL(/\/inbox\/[^/]+$/);
    const sent = page.locator('[data-testid="message"][data-direction="outbound"][data-type="template"]');
    await sent.waitFor();
    expect(await sent.textContent()).toContain('Hola Lucía, tu pedido 7781 está listo para recoger.');
    await page.screenshot({ path: join(shots, 'new-conversation-03-thread-es.png') });
  });

  it('from the inbox with a typed number: a new customer gets the template (EN), and the dialog fits a phone', async () => {
    const page = ownerPage;
    const { server } = e2e;
    expect((await page.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(200);
    await page.goto(`${server.url}/inbox`);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.click('[data-testid="new-conversation-open"]');
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText('WhatsApp only lets a business start a conversation with an approved template')
      .waitFor();
    await page.fill('[data-testid="new-conversation-search"]', '55 1234');
    // Not a full number: the hint says how to write one, and no "write to" is offered yet.
    await dialog.getByText('With its country code and +').waitFor();

    await page.fill('[data-testid="new-conversation-search"]', '+52 55 4000 1234');
    await dialog.getByTestId('new-conversation-write-to').click();
    expect(await dialog.getByTestId('new-conversation-customer').textContent()).toBe('+52 55 4000 1234');
    await dialog.locator('[data-testid="template-picker-item"]').first().waitFor();
    await page.screenshot({ path: join(shots, 'new-conversation-04-phone-en.png') });

    const before = (await simulatorSends(sandbox)).length;
    await fillAndSend(page, '9001');
    await page.fill('#template-value-first_name', 'Marco');
    await page.screenshot({ path: join(shots, 'new-conversation-05-values-en.png') });
    await page.click('[data-testid="template-send"]');
    await page.waitForURL(/\/inbox\/[^/]+$/);
    const sent = page.locator('[data-testid="message"][data-direction="outbound"][data-type="template"]');
    await sent.waitFor();
    expect(await sent.textContent()).toContain('Hola Marco, tu pedido 9001 está listo para recoger.');
    await expect
      .poll(async () => (await simulatorSends(sandbox)).length, { timeout: 15_000 })
      .toBe(before + 1);
    const send = (await simulatorSends(sandbox)).at(-1)!;
    expect(send.body).toMatchObject({
      to: '+525540001234',
      type: 'template',
      template: { name: 'pedido_listo' },
    });
    await page.screenshot({ path: join(shots, 'new-conversation-06-thread-en.png') });

    // On a phone, in both languages: the dialog and its values form fit 390 px.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const locale of ['en', 'es'] as const) {
      expect((await page.request.patch(`${server.url}/api/me`, { data: { locale } })).status()).toBe(200);
      await page.goto(`${server.url}/inbox`);
      await page.click('[data-testid="new-conversation-open"]');
      await page.fill('[data-testid="new-conversation-search"]', '+34 612 345 678');
      await page.getByTestId('new-conversation-write-to').click();
      await page.locator('[data-testid="template-picker-item"]').first().waitFor();
      await page.screenshot({ path: join(shots, `new-conversation-07-phone-390-${locale}.png`) });
      await fillAndSend(page, '12');
      await page.screenshot({ path: join(shots, `new-conversation-08-values-390-${locale}.png`) });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await page.keyboard.press('Escape');
    }
  });
});
