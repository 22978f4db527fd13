import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { customerMessagesUrl, sandboxOf } from './sandbox';

const shots = screenshotsDir;
let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];
let ownerSession: BrowserContextOptions['storageState'];
let sendAsCustomer: (waId: string, name: string, text: string) => Promise<void>;

const desktop = { viewport: { width: 1280, height: 800 }, locale: 'es-MX' } as const;
const phone = {
  viewport: { width: 390, height: 844 },
  locale: 'es-MX',
  isMobile: true,
  hasTouch: true,
} as const;

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
  const context = await browser.newContext(desktop);
  await setUpOwnerByApi(context.request, server.url, {
    workspaceName: 'Zapatería Luna',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
  ownerSession = await context.storageState();
  const sandbox = await sandboxOf(context.request, server.url);
  sendAsCustomer = async (waId, name, text) => {
    const res = await fetch(customerMessagesUrl(sandbox, waId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, text }),
    });
    expect(res.status).toBeLessThan(300);
  };
  await context.close();
});
afterAll(() => e2e?.close());

const ownerContext = (options: BrowserContextOptions = desktop): Promise<BrowserContext> =>
  browser.newContext({ ...options, storageState: ownerSession });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

describe('labels and saved views', () => {
  it('creates a label, labels a conversation, filters by it, saves the view and picks it after a reload', async () => {
    await sendAsCustomer('5215533330001', 'Lucía Gómez', 'Quiero cambiar la talla de mi pedido');
    await sendAsCustomer('5215533330002', 'Jorge Ruiz', '¿Abren el domingo?');
    const context = await ownerContext();
    const page = await context.newPage();

    // Settings › Labels: an admin creates "Cambios" in amber.
    await page.goto(`${server.url}/settings/labels`);
    await page.getByTestId('label-create').click();
    await page.getByTestId('label-name-input').fill('Cambios');
    await page.getByTestId('label-color-amber').click();
    await shoot(page, 'org-60-label-dialog');
    await page.getByTestId('label-save').click();
    await expect.poll(() => page.getByTestId('label-row').count()).toBe(1);
    await shoot(page, 'org-61-settings-labels');

    // The inbox: label Lucía's conversation from the thread header.
    await page.goto(`${server.url}/inbox`);
    await page.getByTestId('conversation-item').filter({ hasText: 'Lucía' }).click();
    await page.getByTestId('label-menu').click();
    await page.locator('[data-testid="label-option"][data-label="Cambios"]').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('header [data-testid="label-chip"]').textContent()).toBe('Cambios');
    const lucia = page.getByTestId('conversation-item').filter({ hasText: 'Lucía' });
    await expect.poll(() => lucia.getByTestId('label-chip').textContent()).toBe('Cambios');
    // The history says who labelled it.
    await expect
      .poll(() => page.locator('[data-testid="conversation-event"][data-kind="label"]').textContent())
      .toContain('Cambios');
    await shoot(page, 'org-62-inbox-labelled');

    // Filter by the label, then save the filters as a view.
    await page.getByTestId('filter-label').selectOption({ label: 'Cambios' });
    await expect.poll(() => page.getByTestId('conversation-item').count()).toBe(1);
    await page.getByTestId('save-view').click();
    await page.getByTestId('view-name-input').fill('Cambios pendientes');
    await page.getByTestId('view-save').click();
    await expect
      .poll(() => page.locator('[data-testid="saved-view"][data-view="Cambios pendientes"]').count())
      .toBe(1);
    await shoot(page, 'org-63-inbox-saved-view');

    // After a reload the filters are gone; one click on the view brings them back.
    await page.reload();
    await expect.poll(() => page.getByTestId('conversation-item').count()).toBe(2);
    await page.locator('[data-testid="saved-view"][data-view="Cambios pendientes"]').click();
    await expect.poll(() => page.getByTestId('conversation-item').count()).toBe(1);
    expect(await page.getByTestId('conversation-item').textContent()).toContain('Lucía');
    expect(await page.getByTestId('saved-view').getAttribute('aria-pressed')).toBe('true');
    await context.close();

    const mobile = await (await ownerContext(phone)).newPage();
    await mobile.goto(`${server.url}/inbox`);
    await mobile.locator('[data-testid="saved-view"][data-view="Cambios pendientes"]').click();
    await expect.poll(() => mobile.getByTestId('conversation-item').count()).toBe(1);
    await shoot(mobile, 'org-64-inbox-saved-view-390');
    await mobile.getByTestId('conversation-item').click();
    await expect.poll(() => mobile.locator('header [data-testid="label-chip"]').count()).toBe(1);
    await shoot(mobile, 'org-65-thread-labels-390');
    await mobile.context().close();
  });

  it('merges an imported contact with the one WhatsApp created and shows every message in one thread', async () => {
    const context = await ownerContext();
    const api = context.request;
    // María was imported with her other number (the one in the shop's records)...
    const preview = await api.post(`${server.url}/api/contacts/imports`, {
      headers: { 'content-type': 'text/csv', 'x-filename': 'clientes.csv' },
      data: 'telefono,nombre,etiquetas\n5512349999,María Importada,vip\n',
    });
    const importId = ((await preview.json()) as { id: string }).id;
    await api.post(`${server.url}/api/contacts/imports/${importId}/start`, {
      data: { mapping: { phone: 'telefono', name: 'nombre', tags: 'etiquetas' }, defaultCountry: 'MX' },
    });
    await expect
      .poll(
        async () =>
          (
            (await (await api.get(`${server.url}/api/contacts/imports/${importId}`)).json()) as {
              status: string;
            }
          ).status,
      )
      .toBe('done');
    // ...then writes from WhatsApp with her mobile, which creates a second contact.
    await sendAsCustomer('5215512340000', 'Mari', 'Hola, soy María');
    await sendAsCustomer('5215512340000', 'Mari', '¿Llegó mi pedido?');
    await expect
      .poll(
        async () =>
          ((await (await api.get(`${server.url}/api/contacts?q=Mar`)).json()) as { total: number }).total,
      )
      .toBe(2);

    const page = await context.newPage();
    await page.goto(`${server.url}/contacts`);
    await page.getByTestId('contact-row').filter({ hasText: 'María Importada' }).click();
    await page.getByTestId('merge-open').click();
    await page.getByTestId('merge-search').fill('Mari');
    await page.getByTestId('merge-candidate').filter({ hasText: 'Mari' }).first().click();
    await expect.poll(() => page.getByTestId('merge-summary').textContent()).toContain('2');
    expect(await page.getByTestId('merge-col-2').textContent()).toContain('5215512340000');
    await shoot(page, 'org-66-merge-preview');
    await page.getByTestId('merge-confirm').click();
    await expect.poll(() => page.getByTestId('merge-preview').count()).toBe(0);
    await expect
      .poll(() =>
        page
          .getByTestId('contact-row')
          .filter({ hasText: /Mar[ií]/ })
          .count(),
      )
      .toBe(1);

    // The profile's conversation is the joined thread: both messages, and the merge in the history.
    await page.locator('aside a[href^="/inbox/"]').first().click();
    await expect.poll(() => page.getByTestId('thread-contact-name').textContent()).toBe('María Importada');
    const thread = page.getByTestId('thread-messages');
    await expect.poll(() => thread.textContent()).toContain('¿Llegó mi pedido?');
    expect(await thread.textContent()).toContain('Hola, soy María');
    await expect
      .poll(() => page.locator('[data-testid="conversation-event"][data-kind="merged"]').textContent())
      .toContain('Mari');
    await shoot(page, 'org-67-merged-thread');

    // An answer from the same WhatsApp number lands in the same thread.
    await sendAsCustomer('5215512340000', 'Mari', 'Gracias');
    await expect.poll(() => thread.textContent()).toContain('Gracias');
    await context.close();

    const mobile = await (await ownerContext(phone)).newPage();
    await mobile.goto(`${server.url}/contacts`);
    await mobile.getByTestId('contact-row').first().click();
    await shoot(mobile, 'org-68-contact-profile-390');
    await mobile.context().close();
  });

  it('filters contacts by tag, attribute and consent, and shows the settings screens', async () => {
    const context = await ownerContext();
    const api = context.request;
    await api.post(`${server.url}/api/contacts/attributes`, {
      data: { key: 'pedidos', label: 'Pedidos', type: 'number' },
    });
    await api.post(`${server.url}/api/canned-responses`, {
      data: { shortcut: 'horario', body: 'Hola {{contact.name}}, abrimos de 10 a 20 h.' },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/contacts`);
    await page.getByTestId('contact-filter-tag').fill('vip');
    await page.getByTestId('contact-filter-tag').press('Enter');
    await expect.poll(() => page.getByTestId('contact-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toContain('1');
    await page.getByTestId('save-view').click();
    await page.getByTestId('view-name-input').fill('VIP');
    await page.getByTestId('view-shared').check();
    await page.getByTestId('view-save').click();
    await expect.poll(() => page.locator('[data-testid="saved-view"][data-view="VIP"]').count()).toBe(1);
    await shoot(page, 'org-69-contacts-filters');

    await page.goto(`${server.url}/settings/canned`);
    await page.getByTestId('canned-create').click();
    await page.getByTestId('canned-shortcut-input').fill('envio');
    await page.getByTestId('canned-body-input').fill('Hola {{cliente}}');
    await page.getByTestId('canned-save').click();
    // The API's words about the unknown variable are shown under the text.
    await expect.poll(() => page.locator('[role="dialog"]').textContent()).toContain('{{cliente}}');
    await shoot(page, 'org-70-canned-dialog-error');
    await page.keyboard.press('Escape');
    await shoot(page, 'org-71-settings-canned');

    await page.goto(`${server.url}/settings/attributes`);
    await page.getByTestId('attribute-create').click();
    await page.getByTestId('attribute-label-input').fill('Talla');
    await page.getByTestId('attribute-type-input').selectOption('list');
    await page.getByTestId('attribute-options-input').fill('38\n39\n40');
    await page.getByTestId('attribute-save').click();
    await expect.poll(() => page.getByTestId('attribute-row').count()).toBe(2);
    await shoot(page, 'org-72-settings-attributes');
    await context.close();

    const mobile = await (await ownerContext(phone)).newPage();
    for (const [path, name] of [
      ['/settings/labels', 'org-73-settings-labels-390'],
      ['/settings/canned', 'org-74-settings-canned-390'],
      ['/settings/attributes', 'org-75-settings-attributes-390'],
      ['/contacts', 'org-76-contacts-filters-390'],
    ] as const) {
      await mobile.goto(`${server.url}${path}`);
      await mobile.waitForLoadState('networkidle');
      await shoot(mobile, name);
    }
    await mobile.context().close();
  });
});
