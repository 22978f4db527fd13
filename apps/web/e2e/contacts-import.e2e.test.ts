import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';

const shots = screenshotsDir;
let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];
let ownerSession: Awaited<ReturnType<BrowserContext['storageState']>>;

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
});

afterAll(() => e2e?.close());

// "Ciudad" has no attribute yet: the mapping step creates one from it.
const FILE = [
  'Teléfono;Nombre;Etiquetas;Cumpleaños;Ciudad',
  '612 34 56 78;Ana García;vip;17/05/1990;Sevilla',
  '+52 55 1234 5678;Marta;cdmx;;Guadalajara',
  '+34 612 345 678;Ana repetida;;;',
  '12345;Número malo;;;',
  '623 45 67 89;Fecha mala;;31/02/2020;Bilbao',
].join('\r\n');

describe('contacts import', () => {
  it('imports a CSV with good and bad rows and shows every rejected row', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-ES' })
    ).newPage();
    await setUpOwnerInBrowser(page, server.url, 'Tienda Luna');
    ownerSession = await page.context().storageState();
    const def = await page.request.post(`${server.url}/api/contacts/attributes`, {
      data: { key: 'birthday', label: 'Cumpleaños', type: 'date' },
    });
    expect(def.status()).toBe(201);

    await page.click('[data-testid="nav-contacts"]');
    await page.waitForURL(/\/contacts/);
    await page.click('[data-testid="import-open"]');
    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'clientes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(FILE, 'utf8'),
    });
    await page.locator('[data-testid="import-map-phone"]').waitFor();
    expect(await page.locator('[data-testid="import-map-phone"]').inputValue()).toBe('Teléfono');
    // The one column nothing takes becomes a new text attribute, created when the import starts.
    const city = page.locator('[data-testid="import-unmapped-column"]');
    expect(await city.count()).toBe(1);
    expect(await city.getAttribute('data-column')).toBe('Ciudad');
    await city.getByRole('button', { name: 'Crear atributo «Ciudad»' }).click();
    expect(await city.locator('[data-testid="import-new-attribute-label"]').inputValue()).toBe('Ciudad');
    expect(await city.locator('[data-testid="import-new-attribute-type"]').inputValue()).toBe('text');
    expect(await city.textContent()).toContain('Clave: ciudad');
    await page.selectOption('[data-testid="import-country"]', 'ES');
    await page.screenshot({ path: join(shots, '29-contacts-import-new-attribute.png'), fullPage: true });
    await page.click('[data-testid="import-start"]');
    await page.locator('[data-testid="import-progress"][data-status="done"]').waitFor({ timeout: 30_000 });
    const report = page.locator('[data-testid="import-report"]');
    await report.waitFor();
    expect(await report.textContent()).toContain('2 creados, 0 actualizados, 3 rechazados');
    const rejected = page.locator('[data-testid="import-rejected-row"]');
    expect(await rejected.count()).toBe(3);
    // Each reason and its details in Spanish: which line, which number, what a date looks like.
    expect(await rejected.nth(0).textContent()).toContain('Repetido en el archivo');
    // Line, column at fault, value, and what was wrong.
    expect(
      await rejected
        .nth(0)
        .locator('td')
        .evaluateAll((cells) => cells.slice(0, 3).map((c) => c.textContent)),
    ).toEqual(['4', 'Teléfono', '+34 612 345 678']);
    expect(await rejected.nth(0).textContent()).toContain('El mismo número ya aparece en la línea 2.');
    expect(await rejected.nth(1).textContent()).toContain('Teléfono no válido');
    expect(await rejected.nth(1).textContent()).toContain(
      '«12345» no es un número de teléfono válido (país por defecto: ES).',
    );
    expect(await rejected.nth(2).textContent()).toContain('Valor no válido');
    expect(await rejected.nth(2).textContent()).toContain('Cumpleaños: «31/02/2020» no es una fecha');
    expect(await report.textContent()).not.toContain('already appears');
    await page.screenshot({ path: join(shots, '30-contacts-import-report.png') });

    await page.keyboard.press('Escape');
    await page.locator('[data-testid="contact-row"]').nth(1).waitFor();
    expect(await page.locator('[data-testid="contact-row"]').count()).toBe(2);
    await page.fill('[data-testid="contacts-search"]', 'Marta');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 1);
    await page.locator('[data-testid="contact-row"]').first().click();
    // The number as people write it, not as stored.
    await page.locator('aside').getByText('+52 55 1234 5678').waitFor();
    expect(await page.locator('aside').getByLabel('Ciudad').inputValue()).toBe('Guadalajara');
    await page.screenshot({ path: join(shots, '31-contacts-profile.png') });
  });

  it('in English: a number attribute from a column, and the report shows the first 20 refusals with their reasons', async () => {
    // The owner from the first test, with the account switched to English.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      storageState: ownerSession,
    });
    const page = await context.newPage();
    expect((await page.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(200);
    await page.goto(`${server.url}/contacts`);
    await page.click('[data-testid="import-open"]');
    const rows = ['phone,name,Points', '+34 699 000 001,Eva,120'];
    for (let i = 0; i < 22; i++) rows.push(`+34 699 100 ${String(100 + i)},Bad ${i},lots`);
    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'points.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n'), 'utf8'),
    });
    const points = page.locator('[data-testid="import-unmapped-column"][data-column="Points"]');
    await points.getByRole('button', { name: 'Create attribute “Points”' }).click();
    await points.locator('[data-testid="import-new-attribute-type"]').selectOption('number');
    await page.screenshot({ path: join(shots, '32-contacts-import-new-attribute-en.png'), fullPage: true });
    await page.click('[data-testid="import-start"]');
    await page.locator('[data-testid="import-progress"][data-status="done"]').waitFor({ timeout: 30_000 });
    const report = page.locator('[data-testid="import-report"]');
    expect(await report.textContent()).toContain('1 created, 0 updated, 22 rejected');
    const rejected = page.locator('[data-testid="import-rejected-row"]');
    expect(await rejected.count()).toBe(20);
    expect(await rejected.nth(0).textContent()).toContain('Invalid value');
    expect(await rejected.nth(0).textContent()).toContain('Points: "lots" is not a number.');
    expect(await page.locator('[data-testid="import-rejected-more"]').textContent()).toBe(
      'Showing the first 20 of 22 rejected rows.',
    );
    const download = page.locator('[data-testid="import-rejected-download"]');
    expect(await download.textContent()).toBe('Download all rejected rows (CSV)');
    const csv = decodeURIComponent(
      (await download.getAttribute('href'))?.split(',').slice(1).join(',') ?? '',
    );
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(23);
    expect(csv).toContain('3,Points,lots,Invalid value,"Points: ""lots"" is not a number."');
    await page.screenshot({ path: join(shots, '33-contacts-import-report-en.png') });
    await context.close();
  });
});
