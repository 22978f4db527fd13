import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';

let e2e: E2eApp;
let context: BrowserContext;

beforeAll(async () => {
  e2e = await startE2eApp();
});
afterAll(() => e2e?.close());

const dialogOf = (page: Page) => page.getByRole('dialog');

describe('adding a contact by hand', () => {
  it('in Spanish on a wide screen: the country comes from the time zone, a wrong number says why, a known one opens', async () => {
    const { server, browser } = e2e;
    // The owner sets Charla up from Mexico City: the workspace proposes Mexico for phone numbers.
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'es-MX',
      timezoneId: 'America/Mexico_City',
    });
    const page = await context.newPage();
    await setUpOwnerInBrowser(page, server.url, 'Ferretería Norte');
    await page.goto(`${server.url}/settings/workspace`);
    expect(await page.getByTestId('workspace-country').inputValue()).toBe('MX');
    await page.getByTestId('workspace-country').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotsDir, 'new-contact-es-settings-country-1280.png') });
    // A custom attribute of the workspace: the dialog asks for it by its type.
    const attribute = await page.request.post(`${server.url}/api/contacts/attributes`, {
      data: { key: 'ciudad', label: 'Ciudad', type: 'text' },
    });
    expect(attribute.status()).toBe(201);

    await page.goto(`${server.url}/contacts`);
    await page.getByTestId('new-contact').click();
    const dialog = dialogOf(page);
    await dialog.getByText('Nuevo contacto').first().waitFor();
    expect(await dialog.getByTestId('new-contact-country').inputValue()).toBe('MX');
    await dialog.getByText('Ejemplo en México: 222 123 4567').waitFor();

    await dialog.getByTestId('new-contact-phone').fill('12345');
    await dialog.getByTestId('new-contact-save').click();
    const error = dialog.locator('#new-contact-phone-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(
      'Es demasiado corto: un teléfono tiene al menos 7 dígitos. Ejemplo en México: 222 123 4567',
    );
    expect(await dialog.getByTestId('new-contact-phone').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(screenshotsDir, 'new-contact-es-invalid-1280.png') });

    await dialog.getByTestId('new-contact-phone').fill('55 1234 5678');
    await dialog.getByTestId('new-contact-name').fill('Marta López');
    await dialog.getByTestId('new-contact-tags').fill('mayoreo, vip');
    await dialog.locator('#new-contact-attr-ciudad').fill('Monterrey');
    await dialog.getByTestId('new-contact-opt-in').selectOption('opted_in');
    await page.screenshot({ path: join(screenshotsDir, 'new-contact-es-filled-1280.png') });
    await dialog.getByTestId('new-contact-save').click();
    await dialog.waitFor({ state: 'detached' });
    // The new contact opens beside the table, its number written for people.
    const panel = page.getByTestId('contact-panel');
    await panel.getByTestId('contact-phone').getByText('+52 55 1234 5678').waitFor();
    expect(await panel.locator('#contact-name').inputValue()).toBe('Marta López');
    expect(await panel.locator('#attr-ciudad').inputValue()).toBe('Monterrey');
    const row = page.getByTestId('contact-row').filter({ hasText: 'Marta López' });
    await row.getByText('+52 55 1234 5678').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'new-contact-es-added-1280.png') });

    // The same line in WhatsApp's form (521...) is the same contact: Charla offers to open it.
    await page.getByTestId('new-contact').click();
    await dialog.getByTestId('new-contact-phone').fill('+52 1 55 1234 5678');
    await dialog.getByTestId('new-contact-save').click();
    await dialog.getByText('Este número ya es de un contacto.').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'new-contact-es-exists-1280.png') });
    await dialog.getByTestId('new-contact-open-existing').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await panel.locator('#contact-name').inputValue()).toBe('Marta López');
    expect(await page.getByTestId('contact-row').count()).toBe(1);
  });

  it('in English on a phone: another country for one number, and letters refused', async () => {
    const { server } = e2e;
    expect((await context.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(
      200,
    );
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/contacts`);
    await page.getByTestId('new-contact').click();
    const dialog = dialogOf(page);
    await dialog.getByText('A number without + is read in the chosen country.').waitFor();

    await dialog.getByTestId('new-contact-country').selectOption('AR');
    await dialog.getByTestId('new-contact-phone').fill('11 CALL ME');
    await dialog.getByTestId('new-contact-save').click();
    const error = dialog.locator('#new-contact-phone-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(
      'It has letters: type only digits, spaces, dashes and a leading +. Example in Argentina: 011 15-2345-6789',
    );
    await page.screenshot({ path: join(screenshotsDir, 'new-contact-en-invalid-390.png') });

    await dialog.getByTestId('new-contact-phone').fill('011 15 2345-6789');
    await dialog.getByTestId('new-contact-name').fill('Lucía Fernández');
    await dialog.getByTestId('new-contact-save').click();
    await dialog.waitFor({ state: 'detached' });
    const panel = page.getByTestId('contact-panel');
    await panel.getByTestId('contact-phone').getByText('+54 9 11 2345 6789').waitFor();
    expect(await panel.locator('#contact-name').inputValue()).toBe('Lucía Fernández');
    await page.screenshot({ path: join(screenshotsDir, 'new-contact-en-added-390.png') });
    const contacts = (await (await context.request.get(`${server.url}/api/contacts?q=Lucía`)).json()) as {
      items: { phone: string }[];
    };
    expect(contacts.items.map((c) => c.phone)).toEqual(['+5491123456789']);
    await page.close();
  });
});
