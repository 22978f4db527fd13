import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { gradientPng } from './media-fixtures';
import { setUpOwnerInBrowser } from './owner-setup';
import { sandboxOf, simulatorSends } from './sandbox';

const shots = screenshotsDir;
let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
});

afterAll(() => e2e?.close());

// Three customers tagged vip, one of whom said no to marketing; one more outside the audience.
const CONTACTS = [
  'Teléfono;Nombre;Etiquetas;Consentimiento',
  '+34 600 100 001;Ana García;vip;sí',
  '+34 600 100 002;Bruno Díaz;vip;sí',
  '+34 600 100 003;Carla Ruiz;vip;no',
  '+34 600 100 004;Diego Sanz;tienda;sí',
].join('\r\n');

/** Imports `csv` (the columns of CONTACTS) and waits until it is done. */
async function importContacts(
  request: APIRequestContext,
  csv = CONTACTS,
  name = 'clientes.csv',
): Promise<void> {
  const upload = await request.post(`${server.url}/api/contacts/imports`, {
    multipart: { file: { name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
  });
  expect(upload.status()).toBeLessThan(300);
  const { id } = (await upload.json()) as { id: string };
  const start = await request.post(`${server.url}/api/contacts/imports/${id}/start`, {
    data: {
      mapping: {
        phone: 'Teléfono',
        name: 'Nombre',
        tags: 'Etiquetas',
        optIn: 'Consentimiento',
        attributes: {},
      },
      defaultCountry: 'ES',
    },
  });
  expect(start.status()).toBeLessThan(300);
  await expect
    .poll(
      async () =>
        ((await (await request.get(`${server.url}/api/contacts/imports/${id}`)).json()) as { status: string })
          .status,
      {
        timeout: 20_000,
      },
    )
    .toBe('done');
}

/** Submitted to the simulator, which approves it after its review delay. */
const WINTER_OFFER = {
  name: 'oferta_invierno',
  language: 'es',
  category: 'marketing',
  parameterFormat: 'named',
  header: null as null | { format: 'image'; exampleMediaId: string },
  body: 'Hola {{first_name}}, esta semana tienes un {{discount}} de descuento en toda la tienda.',
  bodyExamples: { first_name: 'Ana', discount: '20 %' } as Record<string, string>,
  footer: 'Responde BAJA para no recibir más mensajes' as string | null,
  buttons: [{ type: 'quick_reply', text: 'Me interesa' }],
};

/** A broadcast of a template shaped like WINTER_OFFER to the contacts tagged `tag`, sent now; returns its id. */
async function sendNowToTag(
  request: APIRequestContext,
  o: { name: string; channelId?: string; templateId?: string; tag: string; discount: string },
): Promise<string> {
  const created = await request.post(`${server.url}/api/broadcasts`, {
    data: {
      name: o.name,
      channelId: o.channelId,
      templateId: o.templateId,
      audience: { kind: 'filters', filters: { tags: [o.tag] } },
      variables: {
        header: null,
        headerMediaId: null,
        body: {
          first_name: { source: 'attribute', key: 'name', fallback: 'cliente' },
          discount: { source: 'text', value: o.discount },
        },
        buttons: {},
      },
      scheduledAt: null,
      action: 'send_now',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function approvedTemplate(
  request: APIRequestContext,
  wabaId: string,
  draft: typeof WINTER_OFFER = WINTER_OFFER,
): Promise<string> {
  const created = await request.post(`${server.url}/api/templates`, {
    data: { wabaId, submit: true, draft },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await expect
    .poll(
      async () =>
        ((await (await request.get(`${server.url}/api/templates/${id}`)).json()) as { status: string })
          .status,
      {
        timeout: 30_000,
      },
    )
    .toBe('approved');
  return id;
}

/** The page scrolls inside <main>: grow the window to the content for the picture, then put it back. */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250);
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  const hidden = await page.evaluate(() =>
    Math.max(
      0,
      ...[...document.querySelectorAll('main *')]
        .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowY))
        .map((el) => el.scrollHeight - el.clientHeight),
    ),
  );
  if (hidden > 0) await page.setViewportSize({ width: size.width, height: size.height + hidden });
  await page.screenshot({ path: join(shots, name) });
  if (hidden > 0) await page.setViewportSize(size);
}

/** The audience step: contacts with `tag`, and how many of them can receive it. */
async function audienceByTag(page: Page, tag: string, eligible: string): Promise<void> {
  await page.fill('[data-testid="audience-tag-input"]', tag);
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.locator('[data-testid="audience-eligible"]').textContent(), { timeout: 10_000 })
    .toBe(eligible);
}

async function next(page: Page): Promise<void> {
  await page.locator('[data-testid="wizard-next"]:enabled').click();
}

describe('broadcasts', () => {
  let context: BrowserContext;
  let page: Page;

  it('sends an approved template to a tag, leaving out the opted-out contact, and reports it live', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-ES' });
    page = await context.newPage();
    await setUpOwnerInBrowser(page, server.url, 'Tienda Luna');

    const sandbox = await sandboxOf(page.request, server.url);
    await importContacts(page.request);
    await approvedTemplate(page.request, sandbox?.wabaId ?? '');

    // The empty list explains what a broadcast is before the first one.
    await page.click('[data-testid="nav-broadcasts"]');
    await page.waitForURL(/\/broadcasts$/);
    await page.getByText('Todavía no hay difusiones').waitFor();
    await shot(page, '60-broadcasts-empty.png');

    // a) number and template, with the phone preview.
    await page.click('[data-testid="broadcast-new"]');
    await page.fill('[data-testid="broadcast-name"]', 'Rebajas de invierno');
    await page.locator('[data-testid="template-option"]', { hasText: 'oferta_invierno' }).click();
    await page.locator('[data-testid="template-preview"]').getByText('esta semana tienes un').waitFor();
    await shot(page, '61-broadcast-template.png');
    await next(page);

    // b) audience by tag: two will receive it, the opted-out one is excluded.
    await audienceByTag(page, 'vip', '2');
    expect(await page.locator('[data-testid="audience-opted-out"]').textContent()).toContain(
      '1 dado de baja',
    );
    expect(await page.locator('[data-testid="audience-sample"]').textContent()).toContain('Ana García');
    expect(await page.locator('[data-testid="audience-sample"]').textContent()).not.toContain('Carla');
    await shot(page, '62-broadcast-audience.png');
    await next(page);

    // c) variables: {{first_name}} takes the contact's first name, the discount is fixed text.
    expect(await page.locator('[data-testid="wizard-blocked"]').textContent()).toContain(
      'Rellena todas las variables',
    );
    await page.locator('[data-testid="variable-text"]').fill('25 %');
    await page
      .locator('[data-testid="template-preview"]')
      .getByText(/Hola (Ana|Bruno), esta semana tienes un 25 %/)
      .waitFor();
    await shot(page, '63-broadcast-variables.png');
    await next(page);

    // d) a test send: a national number gets a clear error, an international one goes out.
    await page.fill('[data-testid="test-phone"]', '600 999 999');
    await page.click('[data-testid="test-send"]');
    await page.getByText('Empieza por + y el prefijo del país').waitFor();
    await shot(page, '64-broadcast-test-error.png');
    await page.fill('[data-testid="test-phone"]', '+34 600 999 999');
    await page.click('[data-testid="test-send"]');
    await page.locator('[data-testid="test-sent"]').waitFor({ timeout: 10_000 });
    await next(page);

    // e) schedule shows the workspace zone; then send now with the pace in the summary.
    await page.click('[data-testid="when-later"]');
    await page.locator('[data-testid="schedule-zone"]').waitFor();
    await shot(page, '65-broadcast-schedule.png');
    await page.click('[data-testid="when-now"]');
    expect(await page.locator('[data-testid="summary-recipients"]').textContent()).toBe('2');
    expect(await page.locator('[data-testid="summary-pace"]').textContent()).toMatch(
      /≈ menos de 1 min a 80 mensajes\/s/,
    );
    // Meta's tier in words, never its code (TIER_UNLIMITED).
    expect(await page.locator('[data-testid="limits-tier"]').textContent()).toBe('Sin límite');
    await page.click('[data-testid="send-now"]');
    await page.getByText('¿Enviar ahora a 2 contactos?').waitFor();
    await shot(page, '66-broadcast-confirm.png');
    await page.click('[data-testid="confirm-send"]');

    // The detail page follows it live to 100 %.
    await page.waitForURL(/\/broadcasts\/[0-9a-f-]+$/);
    await expect
      .poll(() => page.locator('[data-testid="broadcast-progress-card"]').getAttribute('data-percent'), {
        timeout: 30_000,
      })
      .toBe('100');
    await expect
      .poll(() => page.locator('[data-testid="broadcast-status"]').first().getAttribute('data-status'), {
        timeout: 30_000,
      })
      .toBe('completed');
    await expect
      .poll(() => page.locator('[data-testid="funnel-delivered"]').getAttribute('data-value'), {
        timeout: 20_000,
      })
      .toBe('2');
    expect(await page.locator('[data-testid="funnel-sent"]').getAttribute('data-value')).toBe('2');
    expect(await page.locator('[data-testid="figure-excludedOptedOut"]').textContent()).toContain('1');
    await expect.poll(() => page.locator('[data-testid="recipient-row"]').count()).toBe(2);
    expect(await page.locator('[data-testid="broadcast-audience"]').textContent()).toBe(
      'Audiencia: etiquetas vip',
    );
    await shot(page, '67-broadcast-detail.png');
    await page.click('[data-testid="recipients-filter-failed"]');
    await page.getByText('Ningún destinatario en este estado.').waitFor();
    await page.click('[data-testid="recipients-filter-all"]');
    const exportHref = await page.locator('[data-testid="broadcast-export"]').getAttribute('href');
    const csv = await page.request.get(`${server.url}${exportHref}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('34600100001');

    // The simulated phones got the template, filled per contact; the opted-out one got nothing.
    const templates = (await simulatorSends(sandbox)).filter((s) => s.body.type === 'template');
    const recipients = templates.map((s) => String(s.body.to).replace(/^\+/, '')).sort();
    expect(recipients).toEqual(['34600100001', '34600100002', '34600999999']);
    const toAna = JSON.stringify(templates.find((s) => String(s.body.to).endsWith('34600100001'))?.body);
    expect(toAna).toContain('"text":"Ana"');
    expect(toAna).toContain('25 %');

    await page.click('[data-testid="nav-broadcasts"]');
    await page.locator('[data-testid="broadcast-row"]', { hasText: 'Rebajas de invierno' }).waitFor();
    await shot(page, '68-broadcasts-list.png');
  });

  it('sends to an uploaded CSV later, reports its bad rows, and can be cancelled before it starts', async () => {
    // The workspace works in Mexico City, whatever this browser's zone is.
    const zone = await page.request.patch(`${server.url}/api/workspace/settings`, {
      data: { timezone: 'America/Mexico_City' },
    });
    expect(zone.status()).toBe(200);
    await page.goto(`${server.url}/broadcasts/new`);
    await page.fill('[data-testid="broadcast-name"]', 'Clientes de la feria');
    await page.locator('[data-testid="template-option"]', { hasText: 'oferta_invierno' }).click();
    await next(page);
    await page.click('[data-testid="audience-kind-csv"]');
    await page.setInputFiles('[data-testid="csv-file"]', {
      name: 'feria.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'telefono,nombre\n+34 600 100 001,Ana\n600 100 005,Elena\n12345,Número malo\n',
        'utf8',
      ),
    });
    await page.locator('[data-testid="csv-report"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="csv-report"]').textContent()).toContain(
      '3 filas · válidas: 2 · rechazadas: 1',
    );
    expect(await page.locator('[data-testid="csv-rejected-row"]').count()).toBe(1);
    expect(await page.locator('[data-testid="csv-rejected-row"]').first().textContent()).toMatch(/^4/);
    await expect
      .poll(() => page.locator('[data-testid="audience-eligible"]').textContent(), { timeout: 10_000 })
      .toBe('2');
    await shot(page, '69-broadcast-csv.png');
    await next(page);
    await page.locator('[data-testid="variable-text"]').fill('10 %');
    await next(page);
    await next(page);

    // Scheduled for 09:30 in Mexico City (UTC-6 all year): 15:30 UTC.
    await page.click('[data-testid="when-later"]');
    expect(await page.locator('[data-testid="schedule-zone"]').textContent()).toContain(
      'Hora de Mexico City (UTC-6)',
    );
    await page.fill('#schedule-date', '2027-12-01');
    await page.fill('#schedule-time', '09:30');
    await page.click('[data-testid="schedule-submit"]');
    await page.waitForURL(/\/broadcasts\/[0-9a-f-]+$/);
    const scheduledId = page.url().split('/').at(-1) ?? '';
    const scheduled = await page.request.get(`${server.url}/api/broadcasts/${scheduledId}`);
    expect(((await scheduled.json()) as { scheduledAt: string }).scheduledAt).toBe(
      '2027-12-01T15:30:00.000Z',
    );
    await page.getByText(/^Se enviará el .*9:30/).waitFor();
    await expect
      .poll(() => page.locator('[data-testid="broadcast-status"]').first().getAttribute('data-status'))
      .toBe('scheduled');
    await page.getByText(/^Se enviará el /).waitFor();
    expect(await page.locator('[data-testid="broadcast-audience"]').textContent()).toBe(
      'Audiencia: un archivo CSV',
    );
    await shot(page, '69b-broadcast-scheduled.png');

    // Edited before it starts: everything comes back into the wizard; a new name is saved.
    await page.click('[data-testid="broadcast-edit"]');
    await page.getByText('Editar difusión').waitFor();
    expect(await page.locator('[data-testid="broadcast-name"]').inputValue()).toBe('Clientes de la feria');
    await page.fill('[data-testid="broadcast-name"]', 'Clientes de la feria de otoño');
    await page.locator('[data-testid="wizard-goto-schedule"]:enabled').click({ timeout: 10_000 });
    await page.click('[data-testid="schedule-submit"]');
    await page.getByRole('heading', { name: 'Clientes de la feria de otoño' }).waitFor();
    await page.getByText(/^Se enviará el /).waitFor();
    await page.click('[data-testid="broadcast-cancel"]');
    await page.getByText('¿Cancelar la difusión?').waitFor();
    await page.click('[data-testid="broadcast-confirm"]');
    await expect
      .poll(() => page.locator('[data-testid="broadcast-status"]').first().getAttribute('data-status'))
      .toBe('cancelled');
    await page.getByText('Cancelada: lo que quedaba por enviar no se enviará.').waitFor();
  });

  it('targets a saved contact view, or tags with typed attribute conditions', async () => {
    const request = page.request;
    const def = await request.post(`${server.url}/api/contacts/attributes`, {
      data: { key: 'pedidos', label: 'Pedidos', type: 'number' },
    });
    expect(def.status()).toBe(201);
    for (const [name, orders] of [
      ['Ana', 5],
      ['Bruno', 1],
    ] as const) {
      const found = (await (await request.get(`${server.url}/api/contacts?q=${name}`)).json()) as {
        items: Array<{ id: string }>;
      };
      const patched = await request.patch(`${server.url}/api/contacts/${found.items[0]?.id}`, {
        data: { attributes: { pedidos: orders } },
      });
      expect(patched.status()).toBe(200);
    }
    const view = await request.post(`${server.url}/api/views`, {
      data: { kind: 'contacts', name: 'Clientes VIP', shared: true, filters: { tags: ['vip'] } },
    });
    expect(view.status(), await view.text()).toBe(201);

    await page.goto(`${server.url}/broadcasts/new`);
    await page.fill('[data-testid="broadcast-name"]', 'Solo los mejores');
    await page.locator('[data-testid="template-option"]', { hasText: 'oferta_invierno' }).click();
    await next(page);
    await page.click('[data-testid="audience-kind-view"]');
    await page.selectOption('[data-testid="audience-view"]', { label: 'Clientes VIP · compartida' });
    await expect
      .poll(() => page.locator('[data-testid="audience-eligible"]').textContent(), { timeout: 10_000 })
      .toBe('2');
    await shot(page, '79-broadcast-view.png');

    await page.click('[data-testid="audience-kind-filters"]');
    await page.fill('[data-testid="audience-tag-input"]', 'vip');
    await page.keyboard.press('Enter');
    await page.click('[data-testid="audience-add-condition"]');
    const condition = page.locator('[data-testid="audience-condition"]');
    await condition.getByLabel('Condición', { exact: true }).selectOption('gte');
    await condition.getByLabel('Valor', { exact: true }).fill('tres');
    await condition.getByText('Escribe un número, por ejemplo 3 o 2,5.').waitFor();
    expect(await page.locator('[data-testid="wizard-blocked"]').textContent()).toContain(
      'Corrige las condiciones',
    );
    await condition.getByLabel('Valor', { exact: true }).fill('3');
    await expect
      .poll(() => page.locator('[data-testid="audience-eligible"]').textContent(), { timeout: 10_000 })
      .toBe('1');
    expect(await page.locator('[data-testid="audience-sample"]').textContent()).toContain('Ana García');
    await shot(page, '79b-broadcast-conditions.png');
  });

  it('shows a slow broadcast live, and pauses, resumes and cancels it', async () => {
    const request = page.request;
    const channel = (
      (await (await request.get(`${server.url}/api/channels`)).json()) as {
        items: Array<{ id: string; wabaId: string }>;
      }
    ).items[0];
    const template = (
      (await (
        await request.get(`${server.url}/api/templates?wabaId=${channel?.wabaId}&status=approved`)
      ).json()) as {
        items: Array<{ id: string }>;
      }
    ).items[0];
    // 40 customers at 2 messages per second: about 20 s, time enough to watch and act.
    const rows = Array.from(
      { length: 40 },
      (_, i) => `+34 611 000 ${String(i).padStart(3, '0')};Cliente ${i};lote;sí`,
    );
    await importContacts(
      request,
      ['Teléfono;Nombre;Etiquetas;Consentimiento', ...rows].join('\r\n'),
      'lote.csv',
    );
    const rate = await request.put(`${server.url}/api/broadcasts/channels/${channel?.id}/rate`, {
      data: { ratePerSecond: 2 },
    });
    expect(rate.status()).toBe(200);
    const id = await sendNowToTag(request, {
      name: 'Aviso de horario',
      channelId: channel?.id,
      templateId: template?.id,
      tag: 'lote',
      discount: '5 %',
    });

    await page.goto(`${server.url}/broadcasts`);
    const row = page.locator('[data-testid="broadcast-row"]', { hasText: 'Aviso de horario' });
    await row.locator('[data-testid="broadcast-progress"]').waitFor({ timeout: 15_000 });
    await shot(page, '80-broadcasts-list-sending.png');
    await row.click();
    await page.waitForURL(new RegExp(`/broadcasts/${id}$`));
    const percent = async () =>
      Number(await page.locator('[data-testid="broadcast-progress-card"]').getAttribute('data-percent'));
    await expect.poll(percent, { timeout: 15_000 }).toBeGreaterThan(0);
    const first = await percent();
    await expect.poll(percent, { timeout: 10_000 }).toBeGreaterThan(first);
    expect(await percent()).toBeLessThan(100);
    await shot(page, '81-broadcast-sending.png');

    await page.click('[data-testid="broadcast-pause"]');
    await expect
      .poll(() => page.locator('[data-testid="broadcast-status"]').first().getAttribute('data-status'))
      .toBe('paused');
    await page.getByText('En pausa: no sale ningún mensaje nuevo hasta que la reanudes.').waitFor();
    // Messages already handed to WhatsApp finish; after that nothing moves.
    await page.waitForTimeout(2_500);
    const pausedAt = await percent();
    await page.waitForTimeout(3_000);
    expect(await percent()).toBe(pausedAt);
    await shot(page, '82-broadcast-paused.png');

    await page.click('[data-testid="broadcast-resume"]');
    await expect.poll(percent, { timeout: 10_000 }).toBeGreaterThan(pausedAt);

    // WhatsApp goes down for the number: the page says so and sending stops, nobody is failed;
    // once WhatsApp answers again the notice goes and sending carries on.
    const sandbox = await sandboxOf(request, server.url);
    const setOutage = (outage: string | null) =>
      fetch(`${sandbox.simulatorUrl}/_sim/numbers/${encodeURIComponent(sandbox.phoneNumberId)}/behaviour`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outage }),
      });
    expect((await setOutage('131016')).status).toBe(200);
    const notice = page.locator('[data-testid="broadcast-outage"]');
    await notice.waitFor({ timeout: 15_000 });
    await page.getByText('WhatsApp está fallando para este número: el envío se ha detenido.').waitFor();
    await expect.poll(() => notice.textContent()).toContain('WhatsApp no está disponible por un momento');
    await shot(page, '82b-broadcast-outage.png');
    const stoppedAt = await percent();
    expect((await setOutage(null)).status).toBe(200);
    await notice.waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(percent, { timeout: 10_000 }).toBeGreaterThan(stoppedAt);
    const during = (await (await request.get(`${server.url}/api/broadcasts/${id}`)).json()) as {
      counts: { failed: number };
    };
    expect(during.counts.failed).toBe(0);

    await page.click('[data-testid="broadcast-cancel"]');
    await page.getByText('¿Cancelar la difusión?').waitFor();
    await page.click('[data-testid="broadcast-confirm"]');
    await expect
      .poll(() => page.locator('[data-testid="broadcast-status"]').first().getAttribute('data-status'))
      .toBe('cancelled');
    await page.waitForTimeout(2_500);
    const body = (await (await request.get(`${server.url}/api/broadcasts/${id}`)).json()) as {
      counts: { sent: number; total: number };
    };
    expect(body.counts.sent).toBeGreaterThan(0);
    expect(body.counts.sent).toBeLessThan(body.counts.total);
    await shot(page, '83-broadcast-cancelled.png');
  });

  it('fits a phone screen, in English too', async () => {
    const state = await context.storageState();
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
      storageState: state,
      isMobile: true,
      hasTouch: true,
    });
    const mobile = await phone.newPage();
    const locale = await phone.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } });
    expect(locale.status()).toBe(200);
    await mobile.goto(`${server.url}/broadcasts`);
    await mobile.locator('[data-testid="broadcast-row"]').first().waitFor();
    await shot(mobile, '70-mobile-broadcasts-list.png');
    await mobile.locator('[data-testid="broadcast-row"]').first().click();
    await mobile.locator('[data-testid="broadcast-funnel"]').waitFor();
    await shot(mobile, '71-mobile-broadcast-detail.png');

    await mobile.goto(`${server.url}/broadcasts/new`);
    await mobile.fill('[data-testid="broadcast-name"]', 'Winter sale');
    await mobile.locator('[data-testid="template-option"]').first().click();
    await shot(mobile, '72-mobile-wizard-template.png');
    await next(mobile);
    await mobile.fill('[data-testid="audience-tag-input"]', 'vip');
    await mobile.keyboard.press('Enter');
    await expect
      .poll(() => mobile.locator('[data-testid="audience-eligible"]').textContent(), { timeout: 10_000 })
      .toBe('2');
    await shot(mobile, '73-mobile-wizard-audience.png');
    await next(mobile);
    await mobile.locator('[data-testid="variable-text"]').fill('25 %');
    await shot(mobile, '74-mobile-wizard-variables.png');
    await next(mobile);
    await mobile.fill('[data-testid="test-phone"]', '12');
    await mobile.click('[data-testid="test-send"]');
    await mobile.getByText('Start with + and the country code').waitFor();
    await shot(mobile, '75-mobile-wizard-test.png');
    await next(mobile);
    await mobile.click('[data-testid="when-later"]');
    await shot(mobile, '76-mobile-wizard-schedule.png');
    await phone.close();
  });

  // Last: its approved template would be picked by the tests above that take the first one.
  it('sends the template example in a media header, or a file picked for this broadcast', async () => {
    const request = page.request;
    // The phone-screen test above switched the account to English.
    expect((await request.patch(`${server.url}/api/me`, { data: { locale: 'es' } })).status()).toBe(200);
    const { wabaId } = await sandboxOf(request, server.url);
    const sample = await request.post(`${server.url}/api/media?kind=image`, {
      multipart: { file: { name: 'muestra.png', mimeType: 'image/png', buffer: gradientPng(200, 120) } },
    });
    expect(sample.status(), await sample.text()).toBe(201);
    await approvedTemplate(request, wabaId, {
      ...WINTER_OFFER,
      name: 'catalogo_foto',
      header: { format: 'image', exampleMediaId: ((await sample.json()) as { id: string }).id },
      body: 'Hola {{first_name}}, mira lo nuevo de esta semana.',
      bodyExamples: { first_name: 'Ana' },
      footer: null,
      buttons: [],
    });

    await page.goto(`${server.url}/broadcasts/new`);
    await page.fill('[data-testid="broadcast-name"]', 'Catálogo con foto');
    await page.locator('[data-testid="template-option"]', { hasText: 'catalogo_foto' }).click();
    await next(page);
    await audienceByTag(page, 'vip', '2');
    await next(page);
    const header = page.locator('[data-testid="broadcast-header-file"]');
    await header.getByText('Por defecto, el encabezado lleva la imagen o el archivo de ejemplo').waitFor();
    await header
      .locator('[data-testid="template-header-sample-input"]')
      .setInputFiles({ name: 'rebajas.png', mimeType: 'image/png', buffer: gradientPng(300, 160) });
    await header.getByText('El encabezado llevará el archivo que elegiste para esta difusión.').waitFor();
    await header.getByText('rebajas.png').waitFor();
    await shot(page, '79c-broadcast-header-file.png');
  });

  it('shows the recipients WhatsApp limited apart from failures, and sends to them again in one click', async () => {
    const request = page.request;
    const sandbox = await sandboxOf(request, server.url);
    const channel = (
      (await (await request.get(`${server.url}/api/channels`)).json()) as { items: Array<{ id: string }> }
    ).items[0];
    const templates = (
      (await (
        await request.get(`${server.url}/api/templates?wabaId=${sandbox.wabaId}&status=approved`)
      ).json()) as {
        items: Array<{ id: string; name: string }>;
      }
    ).items;
    const offer = templates.find((tpl) => tpl.name === 'oferta_invierno');
    // Five customers; WhatsApp caps the marketing messages of two of them (131049).
    const rows = Array.from({ length: 5 }, (_, i) => `+34 622 000 00${i};Clienta ${i + 1};primavera;sí`);
    await importContacts(
      request,
      ['Teléfono;Nombre;Etiquetas;Consentimiento', ...rows].join('\r\n'),
      'primavera.csv',
    );
    const setCapped = (waId: string, marketingCapped: boolean) =>
      fetch(
        `${sandbox.simulatorUrl}/_sim/numbers/${encodeURIComponent(sandbox.phoneNumberId)}/customers/${waId}`,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ marketingCapped }),
        },
      );
    expect((await setCapped('34622000001', true)).status).toBe(200);
    expect((await setCapped('34622000003', true)).status).toBe(200);
    await request.put(`${server.url}/api/broadcasts/channels/${channel?.id}/rate`, {
      data: { ratePerSecond: 80 },
    });
    const id = await sendNowToTag(request, {
      name: 'Novedades de primavera',
      channelId: channel?.id,
      templateId: offer?.id,
      tag: 'primavera',
      discount: '15 %',
    });

    await page.goto(`${server.url}/broadcasts/${id}`);
    const notice = page.locator('[data-testid="broadcast-limited"]');
    await expect.poll(() => notice.getAttribute('data-count'), { timeout: 30_000 }).toBe('2');
    await expect
      .poll(() => page.locator('[data-testid="broadcast-status"]').first().getAttribute('data-status'))
      .toBe('completed');
    await page.getByText('2 destinatarios limitados por WhatsApp').waitFor();
    await notice.getByText('WhatsApp aconseja esperar al menos 24 horas').waitFor();
    await notice
      .getByText(/^Charla se lo vuelve a enviar sola 24 horas después del rechazo, hasta 2 veces/)
      .waitFor();
    expect(await page.locator('[data-testid="figure-limited"]').textContent()).toContain('2');
    expect(await page.locator('[data-testid="figure-failed"]').textContent()).toContain('0');
    expect(await page.locator('[data-testid="funnel-sent"]').getAttribute('data-value')).toBe('3');
    await page.getByText('Ningún mensaje ha fallado.').waitFor();
    await page.click('[data-testid="recipients-filter-limited"]');
    // The list of every recipient stays on screen until the filtered one arrives.
    await expect.poll(() => page.locator('[data-testid="recipient-row"]').count()).toBe(2);
    expect(await page.locator('[data-testid="recipient-row"][data-state="limited"]').count()).toBe(2);
    await page
      .locator('[data-testid="recipient-retry"]')
      .first()
      .getByText(/^Próximo intento: /)
      .waitFor();
    await shot(page, '84-broadcast-limited.png');

    // The same page in English.
    expect((await request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(200);
    await page.reload();
    await page.getByText('2 recipients limited by WhatsApp').waitFor();
    await page.click('[data-testid="recipients-filter-limited"]');
    await expect.poll(() => page.locator('[data-testid="recipient-row"]').count()).toBe(2);
    await page
      .locator('[data-testid="broadcast-retry-limited"]')
      .getByText('Send again to the 2 now')
      .waitFor();
    await shot(page, '85-broadcast-limited-en.png');
    expect((await request.patch(`${server.url}/api/me`, { data: { locale: 'es' } })).status()).toBe(200);
    await page.reload();

    // One of them is no longer capped: one click sends to both again, once each.
    expect((await setCapped('34622000001', false)).status).toBe(200);
    await page.click('[data-testid="broadcast-retry-limited"]');
    await page.getByText('¿Reenviar ahora a los 2 limitados?').waitFor();
    await shot(page, '86-broadcast-retry-limited-confirm.png');
    await page.click('[data-testid="broadcast-retry-limited-confirm"]');
    await expect.poll(() => notice.getAttribute('data-count'), { timeout: 30_000 }).toBe('1');
    await expect
      .poll(() => page.locator('[data-testid="funnel-sent"]').getAttribute('data-value'), { timeout: 30_000 })
      .toBe('4');
    const sends = (await simulatorSends(sandbox)).filter(
      (s) => s.body.type === 'template' && String(s.body.to).includes('3462200000'),
    );
    const perCustomer = new Map<string, number>();
    for (const s of sends) perCustomer.set(String(s.body.to), (perCustomer.get(String(s.body.to)) ?? 0) + 1);
    expect([...perCustomer.values()].sort()).toEqual([1, 1, 1, 2, 2]);
    await expect
      .poll(() => page.locator('[data-testid="recipient-row"][data-state="limited"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await expect
      .poll(() => page.locator('[data-testid="recipient-row"][data-state="delivered"]').count())
      .toBe(4);
    await shot(page, '87-broadcast-limited-after-retry.png');
  });
});
