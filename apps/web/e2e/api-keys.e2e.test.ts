import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';

let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];
let owner: BrowserContext;
let ownerId: string;

const desktop = { viewport: { width: 1280, height: 800 }, locale: 'es-MX' } as const;

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
  owner = await browser.newContext(desktop);
  ownerId = await setUpOwnerByApi(owner.request, server.url, {
    workspaceName: 'Zapatería Luna',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
});
afterAll(() => e2e?.close());

async function shoot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage });
}

/** A request to the public API as an outside program makes it: no cookie, only the key. */
function callApi(key: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('Settings › API keys', () => {
  it('the owner makes a key, sees it once, uses it, sees it was used, revokes it, and it stops working', async () => {
    const page = await owner.newPage();
    await page.goto(`${server.url}/settings/channels`);
    await page.getByTestId('settings-api-keys').click();
    await page.waitForURL(/\/settings\/api-keys/);
    // No keys yet: the page says what they are for, and links to the API's documentation.
    await expect.poll(() => page.getByTestId('api-keys-page').textContent()).toContain('Todavía no hay');
    expect(await page.getByTestId('api-keys-docs').getAttribute('href')).toBe('/api/v1/docs');
    expect(await page.getByTestId('api-keys-docs').getAttribute('target')).toBe('_blank');
    await shoot(page, 'api-keys-empty-es-1280');

    // The new-key form starts from "Send messages"; contacts are read too.
    await page.getByTestId('api-key-create').click();
    // Without a name (or without any permission) the form says what is missing, sending nothing.
    await page.getByTestId('api-key-submit').click();
    await expect
      .poll(() => page.getByTestId('api-key-form').textContent())
      .toContain('Ponle un nombre a la clave.');
    await page.getByTestId('api-key-name-input').fill('Tienda en línea');
    expect(await page.getByTestId('api-key-preset-sendMessages').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('api-key-scope-contacts-read').click();
    expect(await page.getByTestId('api-key-preset-sendMessages').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('api-key-expiry').selectOption('days90');
    await shoot(page, 'api-keys-new-es-1280', false);
    await page.getByTestId('api-key-submit').click();

    // The key, shown this once, with a warning and a command to try it with.
    const created = page.getByTestId('api-key-created');
    await created.waitFor();
    const key = await page.getByTestId('api-key-secret').inputValue();
    expect(key).toMatch(/^chk_[\w-]{40,}$/);
    expect(await created.textContent()).toContain('Es la única vez que la verás');
    const curl = (await page.getByTestId('api-key-curl').textContent()) ?? '';
    expect(curl).toContain(`curl -X POST ${server.url}/api/v1/messages`);
    expect(curl).toContain(`-H "Authorization: Bearer ${key}"`);
    expect(curl).toContain(`-d '{"to":"+5215512345678","type":"text","text":{"body":"Hola"}}'`);
    await shoot(page, 'api-keys-created-es-1280', false);
    // A stray click beside the dialog does not lose the key; only "Ya la guardé" (or ✕) closes it.
    await page.mouse.click(1200, 760);
    expect(await created.isVisible()).toBe(true);
    await page.getByTestId('api-key-done').click();
    await expect.poll(() => created.count()).toBe(0);

    // The list: the key by its prefix only, its permissions, never used yet.
    const row = page.locator('[data-testid="api-key-row"][data-name="Tienda en línea"]');
    await expect.poll(() => row.getAttribute('data-status')).toBe('active');
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(`${key.slice(0, 10)}…`);
    expect(rowText).not.toContain(key);
    expect(await row.locator('[data-access="write"]').textContent()).toBe('EscrituraMensajes');
    expect(await row.locator('[data-access="read"]').textContent()).toBe(
      'LecturaContactos, Plantillas, Canales',
    );
    expect(rowText).toContain('por Carmen');
    expect(await row.getByTestId('api-key-last-used').textContent()).toBe('Sin usar todavía');

    // An outside program uses it: it reads the numbers, and a text to someone who never wrote is
    // refused (only templates may open a conversation).
    const channels = await callApi(key, 'GET', '/api/v1/channels');
    expect(channels.status).toBe(200);
    expect(((await channels.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    const sent = await callApi(key, 'POST', '/api/v1/messages', {
      to: '+5215512345678',
      type: 'text',
      text: { body: 'Hola' },
    });
    expect(sent.status).toBe(422);
    expect(((await sent.json()) as { error: { code: string } }).error.code).toBe('window_closed');

    // After a reload the list says when and from where it was last used.
    await page.reload();
    await expect.poll(() => row.getByTestId('api-key-last-used').textContent()).toMatch(/ahora|hace/);
    expect(await row.getByTestId('api-key-last-used').textContent()).toContain('127.0.0.1');
    await shoot(page, 'api-keys-list-es-1280');

    // Revoking asks first, then the key answers 401 at once.
    await row.getByTestId('api-key-actions').click();
    await page.getByTestId('api-key-revoke').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('¿Revocar la clave «Tienda en línea»?');
    await shoot(page, 'api-keys-revoke-es-1280', false);
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('revoked');
    expect(await row.getByTestId('api-key-status').textContent()).toBe('Revocada');
    expect(await row.getByTestId('api-key-actions').count()).toBe(0);
    const refused = await callApi(key, 'GET', '/api/v1/channels');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('api_key_revoked');

    // The activity log tells the story in words.
    await page.goto(`${server.url}/settings/activity`);
    const log = page.locator('main');
    await expect.poll(() => log.textContent()).toContain('Carmen revocó la clave de API Tienda en línea');
    const text = (await log.textContent()) ?? '';
    expect(text).toContain('Carmen creó la clave de API Tienda en línea');
    expect(text).toContain('La clave de API Tienda en línea se usó por primera vez');
    await page.close();
  });

  it('shows the English page, and agents neither see the page nor reach the keys', async () => {
    // In English, a read-only key made through the same route the page uses.
    const english = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      storageState: await owner.storageState(),
    });
    // This browser's own choice of language for Carmen (the menu saves it so).
    await english.addInitScript((id) => localStorage.setItem(`charla.locale.${id}`, 'en'), ownerId);
    const made = await english.request.post(`${server.url}/api/api-keys`, {
      data: { name: 'Nightly CRM sync', scopes: ['contacts:read', 'conversations:read', 'channels:read'] },
    });
    expect(made.status()).toBe(201);
    const page = await english.newPage();
    await page.goto(`${server.url}/settings/api-keys`);
    const row = page.locator('[data-testid="api-key-row"][data-name="Nightly CRM sync"]');
    await expect.poll(() => row.getByTestId('api-key-status').textContent()).toBe('Active');
    expect(await row.locator('[data-access="read"]').textContent()).toBe(
      'ReadContacts, Conversations, Channels',
    );
    await shoot(page, 'api-keys-list-en-1280');
    await english.close();

    // An agent: no tab in Settings, and the route answers 403.
    const invitation = await owner.request.post(`${server.url}/api/invitations`, {
      data: { email: 'pablo@example.com', role: 'agent' },
    });
    const token = ((await invitation.json()) as { url: string }).url.split('/invite/')[1] ?? '';
    const agent = await browser.newContext(desktop);
    const accepted = await agent.request.post(`${server.url}/api/invitations/${token}/accept`, {
      data: { name: 'Pablo', password: 'la contraseña del agente', locale: 'es' },
    });
    expect(accepted.status()).toBe(200);
    const agentPage = await agent.newPage();
    await agentPage.goto(`${server.url}/settings/channels`);
    await agentPage.getByTestId('settings-tabs').waitFor();
    expect(await agentPage.getByTestId('settings-api-keys').count()).toBe(0);
    expect((await agent.request.get(`${server.url}/api/api-keys`)).status()).toBe(403);
    await agentPage.goto(`${server.url}/settings/api-keys`);
    await expect
      .poll(() => agentPage.locator('main').textContent())
      .toContain('Solo el propietario y los administradores');
    expect(await agentPage.getByTestId('api-keys-table').count()).toBe(0);
    await agent.close();
  });
});
