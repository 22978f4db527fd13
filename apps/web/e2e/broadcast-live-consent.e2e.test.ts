import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';
import { type Sandbox, sandboxOf } from './sandbox';

let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
});

afterAll(() => e2e?.close());

// Five autumn customers: three said yes to marketing, two never said.
const CONTACTS = [
  'Teléfono;Nombre;Etiquetas;Consentimiento',
  '+34 630 000 001;Ana García;otoño;sí',
  '+34 630 000 002;Bruno Díaz;otoño;sí',
  '+34 630 000 003;Carla Ruiz;otoño;',
  '+34 630 000 004;Diego Sanz;otoño;',
  '+34 630 000 005;Elena Mora;otoño;sí',
].join('\r\n');

const OFFER = {
  name: 'oferta_otono',
  language: 'es',
  category: 'marketing',
  parameterFormat: 'named',
  header: null,
  body: 'Hola {{first_name}}, llega el otoño con un {{discount}} de descuento.',
  bodyExamples: { first_name: 'Ana', discount: '20 %' },
  footer: null,
  buttons: [],
};

async function importContacts(request: APIRequestContext): Promise<void> {
  const upload = await request.post(`${server.url}/api/contacts/imports`, {
    multipart: { file: { name: 'otono.csv', mimeType: 'text/csv', buffer: Buffer.from(CONTACTS, 'utf8') } },
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
      { timeout: 20_000 },
    )
    .toBe('done');
}

async function approvedOffer(request: APIRequestContext, wabaId: string): Promise<string> {
  const created = await request.post(`${server.url}/api/templates`, {
    data: { wabaId, submit: true, draft: OFFER },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await expect
    .poll(
      async () =>
        ((await (await request.get(`${server.url}/api/templates/${id}`)).json()) as { status: string })
          .status,
      { timeout: 30_000 },
    )
    .toBe('approved');
  return id;
}

/** Meta reports `delivered` this long after each send (the simulator's number behaviour). */
const setDeliveredAfter = (sandbox: Sandbox, ms: number) =>
  fetch(`${sandbox.simulatorUrl}/_sim/numbers/${encodeURIComponent(sandbox.phoneNumberId)}/behaviour`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ delaysMs: { sent: 50, delivered: ms } }),
  });

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(screenshotsDir, name), fullPage: true });
}

/** The wizard up to its audience step: the autumn offer to the contacts tagged otoño. */
async function wizardToAudience(page: Page, name: string, eligible: string): Promise<void> {
  await page.goto(`${server.url}/broadcasts/new`);
  await page.fill('[data-testid="broadcast-name"]', name);
  await page.locator('[data-testid="template-option"]', { hasText: 'oferta_otono' }).click();
  await page.locator('[data-testid="wizard-next"]:enabled').click();
  await page.fill('[data-testid="audience-tag-input"]', 'otoño');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.locator('[data-testid="audience-eligible"]').textContent(), { timeout: 10_000 })
    .toBe(eligible);
}

describe('a marketing broadcast: consent and live results', () => {
  let context: BrowserContext;
  let page: Page;
  let sandbox: Sandbox;

  it('warns about contacts of unknown consent, greets by first name, and counts deliveries live', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-ES' });
    page = await context.newPage();
    await setUpOwnerInBrowser(page, server.url, 'Tienda Otoño');
    sandbox = await sandboxOf(page.request, server.url);
    await importContacts(page.request);
    await approvedOffer(page.request, sandbox.wabaId);

    // Before sending: two of the five never said whether they accept marketing.
    await wizardToAudience(page, 'Otoño para todos', '5');
    const warning = page.locator('[data-testid="audience-unknown-consent"]');
    expect(await warning.getAttribute('data-count')).toBe('2');
    expect(await warning.textContent()).toContain(
      '2 contactos no han dicho si aceptan mensajes de marketing',
    );
    await shot(page, 'b1-broadcast-unknown-consent-es.png');

    // {{first_name}} takes the contact's first name by itself: "Hola Ana", not "Hola Ana García".
    await page.locator('[data-testid="wizard-next"]:enabled').click();
    expect(await page.locator('[data-testid="variable-source"]').first().inputValue()).toBe('first_name');
    await page.locator('[data-testid="variable-text"]').fill('15 %');
    await page
      .locator('[data-testid="template-preview"]')
      .getByText(/Hola (Ana|Bruno|Carla|Diego|Elena), llega el otoño con un 15 %/)
      .waitFor();
    await page.locator('[data-testid="wizard-next"]:enabled').click();
    await page.locator('[data-testid="wizard-next"]:enabled').click();

    // Deliveries come 6 s after each send: the broadcast completes long before them.
    expect((await setDeliveredAfter(sandbox, 6_000)).status).toBe(200);
    await page.click('[data-testid="send-now"]');
    await page.click('[data-testid="confirm-send"]');
    await page.waitForURL(/\/broadcasts\/[0-9a-f-]+$/);
    // The "all" tab never says there is nobody while the rows are on their way.
    await page.evaluate(() => {
      const w = window as unknown as { emptySeen: boolean };
      w.emptySeen = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="recipients-empty"]')) w.emptySeen = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await expect
      .poll(() => page.locator('[data-testid="broadcast-status"]').first().getAttribute('data-status'), {
        timeout: 30_000,
      })
      .toBe('completed');

    // The figures and the rows, as the page shows them at one moment.
    const onScreen = () =>
      page.evaluate(() => ({
        delivered: Number(
          document.querySelector('[data-testid="funnel-delivered"]')?.getAttribute('data-value') ?? -1,
        ),
        sent: Number(document.querySelector('[data-testid="funnel-sent"]')?.getAttribute('data-value') ?? -1),
        rows: document.querySelectorAll('[data-testid="recipient-row"]').length,
        deliveredRows: document.querySelectorAll(
          '[data-testid="recipient-row"][data-state="delivered"], [data-testid="recipient-row"][data-state="read"]',
        ).length,
      }));
    // The funnel and the rows are two reads of the page: both have caught up with the five sends.
    await expect
      .poll(
        async () => {
          const seen = await onScreen();
          return { sent: seen.sent, rows: seen.rows };
        },
        { timeout: 15_000 },
      )
      .toEqual({ sent: 5, rows: 5 });
    const before = await onScreen();
    expect(before).toMatchObject({ sent: 5, rows: 5 });
    expect(before.delivered).toBeLessThan(5);
    expect(before.delivered).toBe(before.deliveredRows);
    await shot(page, 'b2-broadcast-live-sent-es.png');

    // No reload: the deliveries arrive, and figures and rows move together.
    const samples: Awaited<ReturnType<typeof onScreen>>[] = [];
    await expect
      .poll(
        async () => {
          const now = await onScreen();
          samples.push(now);
          return now.delivered;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(5);
    for (const s of samples) expect(s.delivered).toBe(s.deliveredRows);
    expect(await page.locator('[data-testid="funnel-delivered"]').textContent()).toContain('5');
    expect(await page.evaluate(() => (window as unknown as { emptySeen: boolean }).emptySeen)).toBe(false);
    await shot(page, 'b3-broadcast-live-delivered-es.png');

    // Back from an empty filter, "all" shows the rows again, never "no recipients".
    await page.click('[data-testid="recipients-filter-failed"]');
    await page.locator('[data-testid="recipients-empty"]').waitFor();
    await page.evaluate(() => {
      (window as unknown as { emptySeen: boolean }).emptySeen = false;
    });
    await page.click('[data-testid="recipients-filter-all"]');
    await expect.poll(() => page.locator('[data-testid="recipient-row"]').count()).toBe(5);
    expect(await page.evaluate(() => (window as unknown as { emptySeen: boolean }).emptySeen)).toBe(false);
    expect((await setDeliveredAfter(sandbox, 150)).status).toBe(200);
  });

  it('leaves them out when the workspace sends marketing only to opted-in contacts, in Spanish and English', async () => {
    await page.goto(`${server.url}/settings/workspace`);
    const toggle = page.locator('[data-testid="marketing-opted-in-only"]');
    await toggle.check();
    const [saved] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/workspace/settings') && r.request().method() === 'PATCH',
      ),
      page.click('[data-testid="workspace-save"]'),
    ]);
    expect(saved.status()).toBe(200);
    await page.reload();
    await page.getByText('Enviar marketing solo a contactos que lo aceptaron').waitFor();
    expect(await toggle.isChecked()).toBe(true);
    await shot(page, 'b4-settings-marketing-opted-in-only-es.png');

    await wizardToAudience(page, 'Otoño con consentimiento', '3');
    expect(await page.locator('[data-testid="audience-unknown-consent"]').textContent()).toContain(
      '2 contactos sin consentimiento conocido quedan fuera',
    );
    await shot(page, 'b5-broadcast-consent-left-out-es.png');
    await page.locator('[data-testid="wizard-next"]:enabled').click();
    await page.locator('[data-testid="variable-text"]').fill('10 %');
    await page.locator('[data-testid="wizard-next"]:enabled').click();
    await page.locator('[data-testid="wizard-next"]:enabled').click();
    expect(await page.locator('[data-testid="summary-recipients"]').textContent()).toBe('3');
    await page.click('[data-testid="send-now"]');
    await page.click('[data-testid="confirm-send"]');
    await page.waitForURL(/\/broadcasts\/[0-9a-f-]+$/);
    await expect
      .poll(() => page.locator('[data-testid="broadcast-status"]').first().getAttribute('data-status'), {
        timeout: 30_000,
      })
      .toBe('completed');
    expect(await page.locator('[data-testid="figure-excludedNoConsent"]').textContent()).toContain('2');
    await page.getByText('2 contactos quedaron fuera sin recibir nada').waitFor();
    expect(await page.locator('[data-testid="funnel-sent"]').getAttribute('data-value')).toBe('3');
    await shot(page, 'b6-broadcast-no-consent-result-es.png');

    // The same in English.
    expect((await page.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(200);
    await page.reload();
    await page.getByText('2 contacts were left out and sent nothing').waitFor();
    expect(await page.locator('[data-testid="figure-excludedNoConsent"]').textContent()).toContain(
      'No consent (excluded)',
    );
    await shot(page, 'b7-broadcast-no-consent-result-en.png');
    await wizardToAudience(page, 'Autumn, opted in', '3');
    expect(await page.locator('[data-testid="audience-unknown-consent"]').textContent()).toContain(
      '2 contacts whose consent is unknown are left out',
    );
    await shot(page, 'b8-broadcast-consent-left-out-en.png');
    await page.goto(`${server.url}/settings/workspace`);
    await page.getByText('Marketing only to opted-in contacts').waitFor();
    await shot(page, 'b9-settings-marketing-opted-in-only-en.png');
  });
});
