import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { gradientPng, tinyPdf } from './media-fixtures';
import { setUpOwnerInBrowser } from './owner-setup';
import { type Sandbox, sandboxOf } from './sandbox';

const shots = screenshotsDir;
const waId = '5215598765432';
let e2e: E2eApp;

beforeAll(async () => {
  e2e = await startE2eApp();
});

afterAll(() => e2e?.close());

/**
 * The customer's last message is 26 hours old: delivered verbatim through the simulator's raw
 * webhook with an old timestamp, as Meta would deliver a late retry, so the window is closed.
 */
async function customerWroteLongAgo(sandbox: Sandbox): Promise<void> {
  const customer = `${sandbox.simulatorUrl}/_sim/numbers/${encodeURIComponent(sandbox.phoneNumberId)}/customers/${waId}`;
  const put = await fetch(customer, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Lucía Gómez' }),
  });
  expect(put.status).toBeLessThan(300);
  const timestamp = String(Math.floor((Date.now() - 26 * 60 * 60 * 1000) / 1000));
  const raw = await fetch(`${customer}/raw`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      value: {
        messaging_product: 'whatsapp',
        metadata: {
          display_phone_number: sandbox.displayPhoneNumber,
          phone_number_id: sandbox.phoneNumberId,
        },
        contacts: [{ profile: { name: 'Lucía Gómez' }, wa_id: waId }],
        messages: [
          {
            from: waId,
            id: 'wamid.e2e-old-question',
            timestamp,
            type: 'text',
            text: { body: '¿Me avisan cuando esté mi pastel?' },
          },
        ],
      },
    }),
  });
  expect(raw.status).toBeLessThan(300);
}

describe('message templates', () => {
  it('an admin creates a template, WhatsApp approves it, and an agent sends it after the 24-hour window', async () => {
    const { server, browser } = e2e;
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'es-MX' });
    const page = await context.newPage();
    await setUpOwnerInBrowser(page, server.url, 'Pastelería Luna');
    const sandbox = await sandboxOf(page.request, server.url);
    await customerWroteLongAgo(sandbox);

    // The list starts empty and explains what templates are for.
    await page.click('[data-testid="nav-templates"]');
    await page.waitForURL(/\/templates/);
    await page.getByText('Todavía no hay plantillas').waitFor();
    await page.getByText('solo se pueden enviar plantillas aprobadas').waitFor();
    await page.screenshot({ path: join(shots, 'templates-01-empty.png') });

    // The editor: a bad name is flagged under the field as it is typed.
    await page.click('[data-testid="template-new"]');
    await page.locator('[data-testid="template-editor"]').waitFor();
    await page.fill('[data-testid="template-name"]', 'Pastel Listo');
    const nameError = page.locator('#template-name-error');
    await nameError.waitFor();
    expect(await nameError.textContent()).toMatch(/minúsculas/i);

    await page.fill('[data-testid="template-body"]', 'Hola');
    await page.click('[data-testid="template-add-variable"]');
    await page.fill('[data-testid="template-variable-name"]', 'first_name');
    await page.click('[data-testid="template-variable-insert"]');
    await page.locator('[data-testid="template-body"]').press('End');
    await page
      .locator('[data-testid="template-body"]')
      .pressSequentially(', tu pastel ya está listo para recoger en la tienda.');
    expect(await page.inputValue('[data-testid="template-body"]')).toBe(
      'Hola {{first_name}}, tu pastel ya está listo para recoger en la tienda.',
    );
    // Its example is required: the field says so until it is filled.
    await page.fill('[data-testid="template-example-first_name"]', 'x');
    await page.fill('[data-testid="template-example-first_name"]', '');
    await page.locator('#template-example-first_name-error').waitFor();
    await page.setViewportSize({ width: 1280, height: 1700 });
    await page
      .locator('[data-testid="template-editor-scroll"]')
      .evaluate((element) => element.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, 'templates-02-editor-errors.png') });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.click('[data-testid="template-name-suggestion"]');
    expect(await page.inputValue('[data-testid="template-name"]')).toBe('pastel_listo');
    await nameError.waitFor({ state: 'detached' });
    await page.fill('[data-testid="template-example-first_name"]', 'Ana');
    await page.fill('[data-testid="template-footer"]', 'Pastelería Luna');
    await page.click('[data-testid="template-add-button"]');
    await page.click('[data-testid="template-add-button-quick_reply"]');
    await page.fill('[data-testid="template-button-0-text"]', 'Gracias');

    const preview = page.locator('[data-testid="template-preview"]');
    await expect.poll(() => preview.textContent()).toContain('Hola Ana, tu pastel ya está listo');
    expect(await preview.textContent()).toContain('Gracias');
    // The editor scrolls inside the page: a tall window shows the whole form beside the preview.
    await page.setViewportSize({ width: 1280, height: 1900 });
    await page.screenshot({ path: join(shots, 'templates-03-editor.png') });
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.click('[data-testid="template-submit"]');
    await page.waitForURL(/\/templates\/[^/]+\?saved=submitted/);
    await page.getByText('Enviada a WhatsApp').waitFor();

    // The simulator reviews it after a short delay; the list shows the outcome without a reload.
    await page.goto(`${server.url}/templates`);
    const row = page.locator('[data-testid="template-row"][data-name="pastel_listo"]');
    await row.waitFor();
    await expect
      .poll(() => row.locator('[data-testid="template-status"]').getAttribute('data-status'), {
        timeout: 30_000,
      })
      .toBe('approved');
    expect(await row.locator('[data-testid="template-status"]').textContent()).toContain('Aprobada');

    // A utility template with an offer in it is rejected; the reason shows in the list, and
    // once edited into a marketing template and submitted again it is approved.
    const created = await page.request.post(`${server.url}/api/templates`, {
      data: {
        wabaId: sandbox.wabaId,
        submit: true,
        draft: {
          name: 'oferta_verano',
          language: 'es',
          category: 'utility',
          parameterFormat: 'named',
          header: null,
          body: 'Este verano tienes un 20% de descuento en todos los pasteles de la tienda.',
          bodyExamples: {},
          footer: null,
          buttons: [],
        },
      },
    });
    expect(created.status()).toBe(201);
    const rejected = page.locator('[data-testid="template-row"][data-name="oferta_verano"]');
    await expect
      .poll(() => rejected.locator('[data-testid="template-status"]').getAttribute('data-status'), {
        timeout: 30_000,
      })
      .toBe('rejected');
    expect(await rejected.locator('[data-testid="template-rejection"]').textContent()).toContain(
      'La categoría no corresponde',
    );
    await page.screenshot({ path: join(shots, 'templates-04-list-rejected.png') });
    await rejected.locator('a').click();
    await page.getByText('WhatsApp rechazó esta plantilla.').waitFor();
    await page.screenshot({ path: join(shots, 'templates-04-rejected.png') });
    await page.click('[data-testid="template-category-marketing"]');
    await page.click('[data-testid="template-submit"]');
    await page.getByText('Enviada a WhatsApp').waitFor();
    await page.goto(`${server.url}/templates`);
    await expect
      .poll(() => rejected.locator('[data-testid="template-status"]').getAttribute('data-status'), {
        timeout: 30_000,
      })
      .toBe('approved');

    // The conversation's window is closed: replies become "choose a template", notes stay writable.
    await page.click('[data-testid="nav-inbox"]');
    await page.locator('[data-testid="conversation-item"]').first().click();
    await page.locator('[data-testid="window-closed-notice"]').waitFor();
    await page.click('[data-testid="composer-note-toggle"]');
    await page.fill('[data-testid="composer-input"]', 'Le mando la plantilla de pastel listo');
    await page.click('[data-testid="composer-send"]');
    await page.getByText('Le mando la plantilla de pastel listo').waitFor();
    await page.click('[data-testid="composer-note-toggle"]');

    await page.click('[data-testid="composer-choose-template"]');
    await page.click('[data-testid="template-picker-item"][data-name="pastel_listo"]');
    const value = page.locator('[data-testid="template-value-first_name"]');
    // Prefilled from the contact's WhatsApp name; the agent can still change it.
    await expect.poll(() => value.inputValue()).toBe('Lucía');
    await value.fill('');
    expect(await page.locator('[data-testid="template-send"]').isDisabled()).toBe(true);
    await page.locator('[data-testid="template-missing"]').waitFor();
    await value.fill('Lucía');
    const dialogPreview = page.locator('[role="dialog"] [data-testid="template-preview"]');
    await expect.poll(() => dialogPreview.textContent()).toContain('Hola Lucía, tu pastel');
    await page.screenshot({ path: join(shots, 'templates-05-picker.png') });
    await page.click('[data-testid="template-send"]');

    const bubble = page.locator(
      '[data-testid="message"][data-direction="outbound"] [data-testid="template-message"]',
    );
    await bubble.waitFor({ timeout: 15_000 });
    expect(await bubble.textContent()).toContain('Hola Lucía, tu pastel ya está listo');
    expect(await bubble.textContent()).toContain('pastel_listo');
    await page.screenshot({ path: join(shots, 'templates-06-thread.png') });

    // The simulated phone got the template with the value filled in.
    const chatUrl = `${sandbox.simulatorUrl}/_sim/numbers/${encodeURIComponent(sandbox.phoneNumberId)}/customers/${waId}/chat`;
    await expect
      .poll(
        async () => {
          const chat = (await (await fetch(chatUrl)).json()) as {
            messages: Array<{ from: string; type: string; text: string | null }>;
          };
          return chat.messages.find((m) => m.from === 'business' && m.type === 'template')?.text ?? null;
        },
        { timeout: 15_000 },
      )
      .toBe('Hola Lucía, tu pastel ya está listo para recoger en la tienda.');

    // The same screens on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(shots, 'templates-07-thread-phone.png') });
    await page.click('[data-testid="composer-choose-template"]');
    await page.click('[data-testid="template-picker-item"][data-name="pastel_listo"]');
    await page.locator('[data-testid="template-value-first_name"]').waitFor();
    await page.screenshot({ path: join(shots, 'templates-08-picker-phone.png') });
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/templates`);
    await row.waitFor();
    await page.screenshot({ path: join(shots, 'templates-09-list-phone.png') });
    await page.goto(`${server.url}/templates/new`);
    await page.fill('[data-testid="template-name"]', 'Oferta!');
    await page.fill('[data-testid="template-body"]', 'Hola {{first_name}}');
    await page.setViewportSize({ width: 390, height: 3000 });
    await page.screenshot({ path: join(shots, 'templates-10-editor-phone.png') });
    await context.close();
  });

  it('an image header: the admin picks a sample, sees it in the preview, and WhatsApp approves it', async () => {
    const { server, browser } = e2e;
    const context = await browser.newContext({ viewport: { width: 1280, height: 1500 }, locale: 'es-MX' });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.fill('input[name="email"]', 'carmen@example.com');
    await page.fill('input[name="password"]', 'una contraseña larga');
    await page.click('[data-testid="login-submit"]');
    await page.waitForURL(/\/inbox/);

    await page.goto(`${server.url}/templates/new`);
    await page.locator('[data-testid="template-editor"]').waitFor();
    await page.fill('[data-testid="template-name"]', 'pastel_del_dia');
    await page.fill(
      '[data-testid="template-body"]',
      'Hoy tenemos pastel de tres leches recién hecho en la tienda.',
    );
    await page.click('[data-testid="template-header-image"]');

    // Submitting without a sample: the field says it is needed, and nothing is sent.
    await page.click('[data-testid="template-submit"]');
    const sampleError = page.locator('[data-testid="template-header-sample-error"]');
    await sampleError.waitFor();
    expect(await sampleError.textContent()).toContain('Sube un archivo de ejemplo');

    // A PDF for an image header is refused by the server, which says what it takes.
    const input = page.locator('[data-testid="template-header-sample-input"]');
    await input.setInputFiles({ name: 'carta.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await expect
      .poll(() => sampleError.textContent())
      .toMatch(/image\/jpeg or image\/png, not application\/pdf/);

    // A PNG is uploaded, named with its size, and shown in the phone preview.
    await input.setInputFiles({ name: 'pastel.png', mimeType: 'image/png', buffer: gradientPng(382, 200) });
    const file = page.locator('[data-testid="template-header-sample-file"]');
    await file.waitFor();
    expect(await file.textContent()).toContain('pastel.png');
    await sampleError.waitFor({ state: 'detached' });
    const thumbnail = page.locator(
      '[data-testid="template-preview"] img[data-testid="template-header-media"]',
    );
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(382);
    await page.screenshot({ path: join(shots, 'templates-11-image-header.png') });

    // Replacing it swaps the file and the preview.
    await input.setInputFiles({ name: 'pastel-2.png', mimeType: 'image/png', buffer: gradientPng(300, 160) });
    await expect.poll(() => file.textContent()).toContain('pastel-2.png');
    await expect.poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(300);

    await page.click('[data-testid="template-submit"]');
    await page.waitForURL(/\/templates\/[^/]+\?saved=submitted/);
    await page.goto(`${server.url}/templates`);
    const row = page.locator('[data-testid="template-row"][data-name="pastel_del_dia"]');
    await expect
      .poll(() => row.locator('[data-testid="template-status"]').getAttribute('data-status'), {
        timeout: 30_000,
      })
      .toBe('approved');
    // Opened again, the saved template still shows its sample in the preview.
    await row.locator('a').click();
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(300);
    await context.close();
  });
});
