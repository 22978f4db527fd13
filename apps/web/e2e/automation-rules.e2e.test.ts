import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';
import { customerMessagesUrl, type Sandbox, sandboxOf, simulatorSends } from './sandbox';

let e2e: E2eApp;
let context: BrowserContext;
let sandbox: Sandbox;

beforeAll(async () => {
  e2e = await startE2eApp();
});
afterAll(() => e2e?.close());

/** A customer of the sandbox number writes `text`. */
async function customerWrites(waId: string, name: string, text: string) {
  const res = await fetch(customerMessagesUrl(sandbox, waId), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, text }),
  });
  expect(res.status).toBeLessThan(300);
}

/** What the sandbox number sent to `waId`, as text. */
const textsTo = async (waId: string) =>
  (await simulatorSends(sandbox))
    .map((s) => s.body as { to?: string; text?: { body: string } })
    .filter((b) => b.to?.replace('+', '') === waId && b.text)
    .map((b) => b.text!.body);

describe('automation rules', () => {
  it('in Spanish: an owner turns on the welcome, writes a keyword rule, and a customer gets both answers', async () => {
    const { server, browser } = e2e;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
    const page = await context.newPage();
    await setUpOwnerInBrowser(page, server.url, 'Zapatería Sol');
    sandbox = await sandboxOf(context.request, server.url);

    await page.getByTestId('nav-automation').click();
    const list = page.getByTestId('rules-list');
    await list.getByText('Bienvenida').waitFor();
    expect(await list.getByTestId('rule-name').allTextContents()).toEqual([
      'Bienvenida',
      'Fuera de horario',
      'Enseguida te atendemos',
    ]);
    await page.screenshot({ path: join(screenshotsDir, 'automation-rules-es-1280.png'), fullPage: true });

    // The welcome goes on with its switch.
    const welcome = list.locator('li').filter({ hasText: 'Bienvenida' });
    // The switch is a hidden checkbox under its track; its state follows the server's answer.
    await welcome.getByTestId('rule-toggle').click({ force: true });
    await expect.poll(() => welcome.getByTestId('rule-state').textContent()).toBe('Activa');

    // A rule of their own: questions about shipping.
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-name-input').fill('Envíos');
    await page.getByTestId('rule-add-condition').click(); // keywords come first in the list
    await page.getByTestId('rule-keywords').fill('envío, envíos, 🚚');
    await page.getByTestId('rule-message').fill('Enviamos a toda España en 48 h, {{contact.first_name}}.');
    await page.getByTestId('rule-add-action-type').selectOption('tag');
    await page.getByTestId('rule-add-action').click();
    await page.getByTestId('rule-action-1').getByLabel('Etiqueta de contacto').fill('envíos');
    await page.screenshot({
      path: join(screenshotsDir, 'automation-rule-editor-es-1280.png'),
      fullPage: true,
    });
    // A variable that does not exist is refused, named under the message.
    await page.getByTestId('rule-message').fill('Hola {{contact.apodo}}');
    await page.getByTestId('rule-save').click();
    await page
      .getByTestId('rule-action-0')
      .getByText('Unknown variable {{contact.apodo}}', { exact: false })
      .waitFor();
    await page.getByTestId('rule-message').fill('Enviamos a toda España en 48 h, {{contact.first_name}}.');
    await page.getByTestId('rule-save').click();
    await page.waitForURL(/\/automation$/);
    const shipping = list.locator('li').filter({ hasText: 'Envíos' });
    await expect
      .poll(() => shipping.getByTestId('rule-actions').textContent())
      .toContain('responde «Enviamos');

    // A new customer asks; the welcome and the shipping answer are two messages... but one per
    // customer message: the first message gets the welcome, the question the shipping answer.
    await customerWrites('34600111222', 'Lucía Gómez', 'Hola');
    await expect
      .poll(() => textsTo('34600111222'), { timeout: 10_000 })
      .toEqual(['¡Hola Lucía! Gracias por escribir a Zapatería Sol. En un momento te atendemos.']);
    await customerWrites('34600111222', 'Lucía Gómez', '¿Hacéis ENVIOS a Canarias?');
    await expect.poll(() => textsTo('34600111222'), { timeout: 10_000 }).toHaveLength(2);
    expect((await textsTo('34600111222'))[1]).toBe('Enviamos a toda España en 48 h, Lucía.');

    // The thread says which rule answered.
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('conversation-item').first().click();
    const automated = page.getByTestId('message-automated-by');
    await expect.poll(() => automated.count(), { timeout: 10_000 }).toBe(2);
    expect(await automated.allTextContents()).toEqual(['Regla «Bienvenida»', 'Regla «Envíos»']);
    await page.getByText('Regla «Envíos» respondió').waitFor();
    await page.getByText('Regla «Envíos» añadió la etiqueta de contacto «envíos»').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'automation-thread-es-1280.png') });

    // The list counts it.
    await page.getByTestId('nav-automation').click();
    await expect.poll(() => shipping.getByTestId('rule-fired').textContent()).toContain('Se aplicó 1 vez');
  });

  it('in English on a phone: the rules read as sentences and the order can change', async () => {
    const { server } = e2e;
    expect((await context.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(
      200,
    );
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/automation`);
    const list = page.getByTestId('rules-list');
    await list.getByText('If nobody answers within 5 business minutes').waitFor();
    await list.getByText('we are closed').waitFor();
    const names = () => list.getByTestId('rule-name').allTextContents();
    expect((await names())[3]).toBe('Envíos');
    await page.getByRole('button', { name: 'Move “Envíos” up' }).click();
    // The ready-made rules keep the names they were given, in the owner's Spanish.
    await expect.poll(names).toEqual(['Bienvenida', 'Fuera de horario', 'Envíos', 'Enseguida te atendemos']);
    await page.screenshot({ path: join(screenshotsDir, 'automation-rules-en-390.png'), fullPage: true });
  });

  it('in English: a rule answers with the price list as a PDF, uploaded for the number', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${e2e.server.url}/automation`);
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-name-input').fill('Price list');
    await page.getByTestId('rule-action-0').getByTestId('automatic-message-kind').selectOption('file');
    // The file goes to a number: choosing is possible once the numbers have loaded, as for a person.
    await expect
      .poll(() => page.getByTestId('automatic-file-choose').isEnabled(), { timeout: 15_000 })
      .toBe(true);
    await page.getByTestId('automatic-file-input').setInputFiles({
      name: 'prices.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.getByTestId('automatic-file-info').getByText('prices.pdf').waitFor();
    await page.getByTestId('automatic-file-caption').fill('Here are our prices, {{contact.first_name}}.');
    await page.screenshot({ path: join(screenshotsDir, 'automation-rule-file-en-1280.png'), fullPage: true });
    await page.getByTestId('rule-save').click();
    await page.waitForURL(/\/automation$/);
    await page.getByTestId('rules-list').getByText('Price list').waitFor();
  });
});
