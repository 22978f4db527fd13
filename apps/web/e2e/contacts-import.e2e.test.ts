import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';

const shots = screenshotsDir;
let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
});

afterAll(() => e2e?.close());

const FILE = [
  'Teléfono;Nombre;Etiquetas;Cumpleaños',
  '612 34 56 78;Ana García;vip;17/05/1990',
  '+52 55 1234 5678;Marta;cdmx;',
  '+34 612 345 678;Ana repetida;;',
  '12345;Número malo;;',
  '623 45 67 89;Fecha mala;;31/02/2020',
].join('\r\n');

describe('contacts import', () => {
  it('imports a CSV with good and bad rows and shows every rejected row', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-ES' })
    ).newPage();
    await setUpOwnerInBrowser(page, server.url, 'Tienda Luna');
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
    await page.selectOption('[data-testid="import-country"]', 'ES');
    await page.click('[data-testid="import-start"]');
    await page.locator('[data-testid="import-progress"][data-status="done"]').waitFor({ timeout: 30_000 });
    const report = page.locator('[data-testid="import-report"]');
    await report.waitFor();
    expect(await report.textContent()).toContain('2 creados, 0 actualizados, 3 rechazados');
    const rejected = page.locator('[data-testid="import-rejected-row"]');
    expect(await rejected.count()).toBe(3);
    // Each reason and its details in Spanish: which line, which number, what a date looks like.
    expect(await rejected.nth(0).textContent()).toContain('Repetido en el archivo');
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
    await page.screenshot({ path: join(shots, '31-contacts-profile.png') });
  });
});
