import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';
import { customerMessagesUrl, sandboxOf } from './sandbox';

let e2e: E2eApp;
let context: BrowserContext;

beforeAll(async () => {
  e2e = await startE2eApp();
});
afterAll(() => e2e?.close());

describe('sequences', () => {
  it('in Spanish: an owner writes a sequence, enrols a customer from the page, and the list counts them', async () => {
    const { server, browser } = e2e;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
    const page = await context.newPage();
    await setUpOwnerInBrowser(page, server.url, 'Zapatería Sol');
    const sandbox = await sandboxOf(context.request, server.url);
    const written = await fetch(customerMessagesUrl(sandbox, '34611222333'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lucía Gómez', text: 'Hola' }),
    });
    expect(written.status).toBeLessThan(300);

    await page.getByTestId('nav-automation').click();
    await page.getByTestId('automation-tab-sequences').click();
    await page.getByTestId('sequence-new').click();
    await page.getByTestId('sequence-name-input').fill('Seguimiento de pedido');
    await page.getByTestId('sequence-step-text').fill('Hola {{contact.first_name}}, ¿llegó bien tu pedido?');
    await page.getByTestId('sequence-add-step').click();
    await page
      .getByTestId('sequence-step-1')
      .getByTestId('sequence-step-text')
      .fill('¿Te ayudamos con algo más?');
    await page.getByTestId('sequence-save').click();
    await page.getByTestId('sequence-enrol').waitFor();

    await page.getByTestId('sequence-enrol-search').fill('Lucía');
    await page.getByTestId('sequence-enrol-contact').first().click();
    await expect
      .poll(() => page.getByTestId('sequence-enrol-result').textContent(), { timeout: 10_000 })
      .toContain('Inscritos: 1');
    await page.getByTestId('sequence-enrollments').getByText('En curso').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'sequence-editor-es-1280.png'), fullPage: true });

    await page.goto(`${server.url}/automation/sequences`);
    const card = page
      .getByTestId('sequences-list')
      .locator('li')
      .filter({ hasText: 'Seguimiento de pedido' });
    await card.getByText('2 pasos').waitFor();
    expect(await card.getByTestId('sequence-counts').textContent()).toContain('En curso1');
    await page.screenshot({ path: join(screenshotsDir, 'sequences-es-1280.png'), fullPage: true });
  });

  it('in English: the same list', async () => {
    const { server } = e2e;
    expect((await context.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(
      200,
    );
    const page = await context.newPage();
    await page.goto(`${server.url}/automation/sequences`);
    const card = page
      .getByTestId('sequences-list')
      .locator('li')
      .filter({ hasText: 'Seguimiento de pedido' });
    await card.getByText('2 steps').waitFor();
    expect(await card.getByTestId('sequence-counts').textContent()).toContain('In progress1');
    await page.screenshot({ path: join(screenshotsDir, 'sequences-en-1280.png'), fullPage: true });
  });
});
