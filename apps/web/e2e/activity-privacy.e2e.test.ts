import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { customerMessagesUrl, sandboxOf } from './sandbox';

let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];
let ownerSession: BrowserContextOptions['storageState'];
let sendAsCustomer: (waId: string, name: string, text: string) => Promise<void>;

const desktop = { viewport: { width: 1280, height: 800 }, locale: 'es-ES' } as const;

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
  // Things the activity log records: an invitation and two settings changes.
  expect(
    (
      await context.request.post(`${server.url}/api/invitations`, {
        data: { email: 'luis@example.com', role: 'agent' },
      })
    ).status(),
  ).toBe(200);
  expect(
    (
      await context.request.patch(`${server.url}/api/workspace/settings`, {
        data: { conversationVisibility: 'assigned', optOutKeywords: ['BAJA', 'STOP', 'CANCELAR'] },
      })
    ).status(),
  ).toBe(200);
  await context.close();
});
afterAll(() => e2e?.close());

const ownerContext = (): Promise<BrowserContext> =>
  browser.newContext({ ...desktop, storageState: ownerSession });
const shoot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });

describe('activity log and a contact’s data', () => {
  it('shows the owner who did what in sentences, filters by action, and offers the CSV', async () => {
    const context = await ownerContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/settings/activity`);
    const lines = page.getByTestId('audit-line');
    await expect.poll(() => lines.count()).toBeGreaterThanOrEqual(2);
    const text = (await page.getByTestId('audit-table').textContent()) ?? '';
    expect(text).toContain('Carmen invitó a luis@example.com como agente');
    expect(text).toContain('Carmen cambió quién ve las conversaciones, las palabras de baja');
    await shoot(page, 'access-80-activity-log');

    await page.locator('#audit-action').selectOption('invitation.created');
    await expect
      .poll(() => page.locator('[data-testid="audit-line"]:not([data-action="invitation.created"])').count())
      .toBe(0);
    const href = await page.getByTestId('audit-export').getAttribute('href');
    expect(href).toBe('/api/audit-log/export?action=invitation.created');
    const csv = await context.request.get(`${server.url}${href}`);
    expect(csv.status()).toBe(200);
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain('luis@example.com');

    // In English for an owner who reads English.
    expect((await context.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } })).status()).toBe(
      200,
    );
    const english = await context.newPage();
    await english.goto(`${server.url}/settings/activity`);
    await expect
      .poll(async () => (await english.getByTestId('audit-table').textContent()) ?? '')
      .toContain('Carmen invited luis@example.com as agent');
    expect(await english.getByTestId('audit-table').textContent()).toContain(
      'Carmen changed who sees conversations, the opt-out words',
    );
    await shoot(english, 'access-82-activity-log-en');
    await context.request.patch(`${server.url}/api/me`, { data: { locale: 'es' } });
    await context.close();
  });

  it('exports a contact’s data and erases them after their number is typed back', async () => {
    await sendAsCustomer('34655000111', 'Lucía Gómez', 'Borrad mis datos, por favor');
    const context = await ownerContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/contacts`);
    const row = page.getByTestId('contact-row').filter({ hasText: 'Lucía' });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.click();

    const href = await page.getByTestId('contact-export').getAttribute('href');
    const zip = await context.request.get(`${server.url}${href}`);
    expect(zip.status()).toBe(200);
    expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');

    await page.getByTestId('contact-erase-open').click();
    const submit = page.getByTestId('contact-erase-submit');
    await page.getByTestId('contact-erase-confirm').fill('Lucía');
    expect(await submit.isDisabled()).toBe(true);
    await page.getByTestId('contact-erase-confirm').fill('+34 655 00 01 11');
    expect(await submit.isDisabled()).toBe(false);
    await shoot(page, 'access-81-contact-erase');
    await submit.click();
    await expect.poll(() => row.count()).toBe(0);

    await page.goto(`${server.url}/settings/activity`);
    await expect
      .poll(async () => (await page.getByTestId('audit-table').textContent()) ?? '')
      .toContain('Carmen eliminó definitivamente un contacto');
    expect(await page.getByTestId('audit-table').textContent()).not.toContain('Lucía');
    await context.close();
  });
});
