import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';
import { customerMessagesUrl, type Sandbox, sandboxOf, simulatorSends } from './sandbox';

let e2e: E2eApp;
let context: BrowserContext;
let sandbox: Sandbox;
let flowUrl = '';

beforeAll(async () => {
  e2e = await startE2eApp();
});
afterAll(() => e2e?.close());

/** A customer of the sandbox number sends `body` (text, or a WhatsApp message object). */
async function customerSends(waId: string, body: Record<string, unknown>) {
  const res = await fetch(customerMessagesUrl(sandbox, waId), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Lucía Gómez', ...body }),
  });
  expect(res.status).toBeLessThan(300);
}

/** What the sandbox number sent to `waId`: texts, and the bodies of buttons. */
const sentTo = async (waId: string) =>
  (await simulatorSends(sandbox))
    .map((s) => s.body as { to?: string; text?: { body: string }; interactive?: { body: { text: string } } })
    .filter((b) => b.to?.replace('+', '') === waId)
    .map((b) => b.text?.body ?? b.interactive?.body.text ?? '');

/** Drags a connection from a node's output to another node. */
async function connect(page: Page, from: string, handle: string, to: string) {
  await page.getByRole('button', { name: 'fit view' }).click();
  await page
    .getByTestId(`flow-handle-${from}-${handle}`)
    .dragTo(page.getByTestId(`flow-node-${to}`).locator('.react-flow__handle-top'));
}

describe('the bot builder', () => {
  it('in Spanish: an owner draws a small bot, fixes what publishing points out, tries it, and a customer is handed to a person', async () => {
    const { server, browser } = e2e;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
    const page = await context.newPage();
    await setUpOwnerInBrowser(page, server.url, 'Zapatería Sol');
    sandbox = await sandboxOf(context.request, server.url);

    await page.getByTestId('nav-automation').click();
    await page.getByTestId('automation-tab-bots').click();
    await page.getByTestId('flow-new-name').fill('Atención');
    await page.getByTestId('flow-new').click();
    await page.waitForURL(/\/automation\/bots\/[0-9a-f-]+$/);
    flowUrl = page.url();
    await page.getByTestId('flow-node-hello').waitFor();

    // The greeting, then a choice and a handoff.
    await page.getByTestId('flow-node-hello').click();
    await page
      .getByTestId('node-text')
      .fill('¡Hola {{contact.first_name}}! Soy el asistente de Zapatería Sol.');
    await page.getByTestId('flow-add-type').selectOption('choice');
    await page.getByTestId('flow-add').click();
    await page.getByTestId('node-text').fill('¿Qué necesitas?');
    await page.getByTestId('node-options').fill('Mi pedido\nHablar con alguien');
    await page.getByTestId('flow-add-type').selectOption('handoff');
    await page.getByTestId('flow-add').click();
    await page.getByTestId('node-text').fill('Te paso con una persona del equipo.');

    await connect(page, 'hello', 'next', 'choice-4');
    await connect(page, 'choice-4', 'option:a', 'end');
    // Publishing now points at what is missing, on the node itself.
    await page.getByTestId('flow-publish').click();
    await page.getByTestId('flow-problems').waitFor();
    await page
      .getByText('choice-4: La salida «Hablar con alguien» no lleva a ningún paso: conéctala.')
      .waitFor();
    await expect.poll(() => page.getByTestId('flow-node-choice-4').getAttribute('data-problem')).toBe('true');
    await expect
      .poll(() => page.getByTestId('flow-node-handoff-5').getAttribute('data-problem'))
      .toBe('true');
    await page.screenshot({ path: join(screenshotsDir, 'flow-builder-problems-es-1280.png') });

    await connect(page, 'choice-4', 'option:b', 'handoff-5');
    await page.getByTestId('flow-publish').click();
    await page.getByTestId('flow-published').getByText('Publicado: versión 1').waitFor();

    // Try it: the same engine the server runs.
    await page.getByTestId('flow-panel-try').click();
    await page
      .getByTestId('try-it')
      .getByText('Soy el asistente de Zapatería Sol.', { exact: false })
      .waitFor();
    await page.getByTestId('try-option-b').click();
    await page.getByTestId('try-ended').getByText('pasado a una persona', { exact: false }).waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'flow-builder-try-es-1280.png') });

    // A keyword rule starts it; a customer goes through it on WhatsApp.
    const flowId = flowUrl.split('/').at(-1)!;
    const rule = await context.request.post(`${server.url}/api/automation/rules`, {
      data: {
        name: 'Hola → bot',
        enabled: true,
        trigger: { type: 'message_received' },
        conditions: [{ type: 'keywords', keywords: ['hola'], mode: 'contains' }],
        actions: [{ type: 'start_flow', flowId }],
      },
    });
    expect(rule.status()).toBe(201);
    await customerSends('34600222333', { text: 'Hola, buenas' });
    await expect
      .poll(() => sentTo('34600222333'), { timeout: 10_000 })
      .toEqual(['¡Hola Lucía! Soy el asistente de Zapatería Sol.', '¿Qué necesitas?']);
    // The agent sees the bot at work in the thread.
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('conversation-item').first().click();
    await page.getByTestId('bot-banner').getByText('Bot «Atención» atendiendo').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'flow-thread-bot-es-1280.png') });

    await customerSends('34600222333', {
      message: {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'b', title: 'Hablar con alguien' } },
      },
    });
    await expect.poll(() => sentTo('34600222333'), { timeout: 10_000 }).toHaveLength(3);
    expect((await sentTo('34600222333'))[2]).toBe('Te paso con una persona del equipo.');
    await page.getByText('Bot «Atención» pasó la conversación al equipo').waitFor({ timeout: 10_000 });
    // Handed to whoever is online: Carmen.
    await page.getByText('Bot «Atención» asignó esto a Carmen').waitFor();
    await expect.poll(() => page.getByTestId('bot-banner').count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: join(screenshotsDir, 'flow-thread-handoff-es-1280.png') });
  });

  it('in English on a phone: the bots list and the builder', async () => {
    const { server } = e2e;
    expect((await context.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(
      200,
    );
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/automation/bots`);
    await page.getByTestId('flows-list').getByText('Version 1 published').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'flows-en-390.png'), fullPage: true });
    await page.goto(flowUrl);
    await page.getByTestId('flow-node-choice-4').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'flow-builder-en-390.png') });
  });

  it('in English: an HTTP step to call the shop’s own system, with its outputs', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(flowUrl);
    await page.getByTestId('flow-node-choice-4').waitFor();
    await page.getByTestId('flow-add-type').selectOption('http');
    await page.getByTestId('flow-add').click();
    await page.getByTestId('http-url').fill('https://shop.example/orders/{{pedido}}');
    await page.getByRole('button', { name: 'Add a header' }).click();
    const editor = page.getByTestId('node-editor');
    await editor.getByPlaceholder('Authorization').fill('Authorization');
    await editor.getByPlaceholder('Bearer …').fill('Bearer tienda-123');
    await page.getByRole('button', { name: 'Keep a field' }).click();
    await editor.getByLabel('Field (e.g. order.status)').fill('order.status');
    await editor.getByLabel('In variable').fill('status');
    // The step on the canvas has its two outputs, named.
    const step = page.getByTestId('flow-node-http-6');
    await step.getByText('answered').waitFor();
    await step.getByText('failed').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'flow-builder-http-en-1280.png') });
  });
});
