import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/test/harness/free-port';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';
import { customerMessagesUrl, type Sandbox, sandboxOf } from './sandbox';

const waId = '5215512340077';
const formattedPhone = '+52 55 1234 0077';
let e2e: E2eApp;
/** The owner's browser and Lucía's two conversations, for the agent's view below. */
let owner: BrowserContext;
let luciaHere = '';

beforeAll(async () => {
  // Charla asks the simulator, as it would ask Meta, whether the second number's credentials are good.
  const simulatorPort = await freePort();
  e2e = await startE2eApp({
    env: { SIMULATOR_PORT: String(simulatorPort), GRAPH_API_BASE_URL: `http://127.0.0.1:${simulatorPort}` },
  });
});
afterAll(() => e2e?.close());

type ConversationItem = { id: string; channelName: string; lastMessage: { text: string | null } | null };

/** A second WhatsApp number of the business, as it exists in "Meta", connected through the API. */
async function connectSecondNumber(page: Page, serverUrl: string, sandbox: Sandbox) {
  const number = {
    phoneNumberId: `1099${randomBytes(4).readUInt32BE(0)}`,
    wabaId: `2099${randomBytes(4).readUInt32BE(0)}`,
    accessToken: `EAAG${randomBytes(30).toString('base64url')}`,
    appSecret: randomBytes(16).toString('hex'),
  };
  const registered = await fetch(`${sandbox.simulatorUrl}/_sim/numbers/${number.phoneNumberId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...number,
      displayPhoneNumber: '+52 33 9876 5432',
      verifiedName: 'Panadería Sol Guadalajara',
      webhookUrl: `${serverUrl}/webhooks/whatsapp`,
    }),
  });
  expect(registered.status).toBe(200);
  const connected = await page.request.post(`${serverUrl}/api/channels`, { data: number });
  expect(connected.status()).toBe(200);
  return { ...sandbox, phoneNumberId: number.phoneNumberId };
}

async function customerWrites(sandbox: Sandbox, text: string) {
  const response = await fetch(customerMessagesUrl(sandbox, waId), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Lucía Gómez', text }),
  });
  expect(response.status).toBeLessThan(300);
}

describe('the contact panel beside the thread', () => {
  it('opens from the name, edits the customer there, is remembered, and is a sheet on phones', async () => {
    const { server, browser } = e2e;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    owner = context;
    const page = await context.newPage();
    await setUpOwnerInBrowser(page, server.url, 'Panadería Sol');
    const attribute = await page.request.post(`${server.url}/api/contacts/attributes`, {
      data: { key: 'ciudad', label: 'Ciudad', type: 'text' },
    });
    expect(attribute.status()).toBe(201);

    // Lucía writes to two numbers of the business: two conversations of one contact.
    const sandbox = await sandboxOf(page.request, server.url);
    const second = await connectSecondNumber(page, server.url, sandbox);
    await customerWrites(second, 'Hola, ¿hacen envíos a Guadalajara?');
    await customerWrites(sandbox, 'Quiero encargar un pastel para el sábado');
    let conversations: ConversationItem[] = [];
    await expect
      .poll(
        async () => {
          const list = await page.request.get(`${server.url}/api/conversations`);
          conversations = ((await list.json()) as { items: ConversationItem[] }).items;
          return conversations.length;
        },
        { timeout: 15_000 },
      )
      .toBe(2);
    const byText = (text: string) => conversations.find((c) => c.lastMessage?.text === text);
    const latest = byText('Quiero encargar un pastel para el sábado');
    const earlier = byText('Hola, ¿hacen envíos a Guadalajara?');
    if (!latest || !earlier) throw new Error('both conversations should exist');
    luciaHere = latest.id;

    await page.goto(`${server.url}/inbox/${latest.id}`);
    await page.locator('[data-testid="message"][data-direction="inbound"]').first().waitFor();
    const panel = page.locator('[data-testid="contact-panel"]');
    expect(await panel.count()).toBe(0);
    const name = page.locator('[data-testid="thread-contact-name"] button');
    expect(await name.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('[data-testid="thread-contact-phone"]').textContent()).toBe(formattedPhone);

    // The customer's name opens the panel beside the thread.
    await name.click();
    await panel.locator('#contact-tags').waitFor();
    expect(await name.getAttribute('aria-expanded')).toBe('true');
    expect(await panel.getByTestId('contact-phone').textContent()).toBe(formattedPhone);
    expect(await panel.textContent()).toContain('En WhatsApp: Lucía Gómez');
    expect(await panel.getByTestId('contact-opt-in').textContent()).toBe('Sin datos');
    const others = panel.getByTestId('contact-conversations');
    expect(await others.locator('h3').textContent()).toBe('Otras conversaciones');
    const otherLinks = others.getByTestId('contact-conversation');
    expect(await otherLinks.count()).toBe(1);
    expect(await otherLinks.first().textContent()).toContain(earlier.channelName);
    expect(await otherLinks.first().textContent()).toContain('Hola, ¿hacen envíos a Guadalajara?');
    // Beside the thread, not over it.
    const thread = page.getByRole('region', { name: 'Conversación' });
    const [panelBox, threadBox] = [await panel.boundingBox(), await thread.boundingBox()];
    expect(panelBox && threadBox && panelBox.x >= threadBox.x + threadBox.width - 1).toBe(true);

    await panel.locator('#contact-tags').fill('cliente frecuente, pasteles');
    await panel.locator('#attr-ciudad').fill('Guadalajara');
    await panel.locator('#contact-notes').fill('Prefiere recoger por la tarde.');
    await panel.getByRole('button', { name: 'Guardar' }).click();
    await panel.getByTestId('contact-saved').waitFor();
    expect(await panel.getByTestId('contact-saved').textContent()).toBe('Guardado');
    await panel.getByRole('button', { name: 'Marcar que acepta' }).click();
    await expect
      .poll(() => panel.getByTestId('contact-opt-in').textContent())
      .toMatch(/^Acepta mensajes · agente/);
    await page.screenshot({ path: join(screenshotsDir, 'contact-panel-es-1280.png') });

    // After a reload the panel is still open (this browser remembers it) and keeps the edits.
    await page.reload();
    await panel.locator('#contact-tags').waitFor();
    expect(await panel.locator('#contact-tags').inputValue()).toBe('cliente frecuente, pasteles');
    expect(await panel.locator('#attr-ciudad').inputValue()).toBe('Guadalajara');
    expect(await panel.locator('#contact-notes').inputValue()).toBe('Prefiere recoger por la tarde.');
    expect(await panel.getByTestId('contact-opt-in').textContent()).toMatch(/^Acepta mensajes/);
    // Lucía writes BAJA while the panel is open: her consent changes there, without a reload.
    await customerWrites(sandbox, 'BAJA');
    await expect
      .poll(() => panel.getByTestId('contact-opt-in').textContent(), { timeout: 15_000 })
      .toMatch(/^No quiere mensajes · palabra clave del cliente/);

    // The other conversation opens from the panel; the panel lists the first one there.
    await otherLinks.first().click();
    await page.waitForURL(`**/inbox/${earlier.id}`);
    await page.getByText('Hola, ¿hacen envíos a Guadalajara?').first().waitFor();
    await expect.poll(() => otherLinks.first().getAttribute('href')).toBe(`/inbox/${latest.id}`);

    // Closed, it stays closed after a reload.
    await panel.getByRole('button', { name: 'Cerrar' }).click();
    expect(await panel.count()).toBe(0);
    await page.reload();
    await page.locator('[data-testid="message"][data-direction="inbound"]').first().waitFor();
    expect(await panel.count()).toBe(0);
    // Open again, for the phone below: a phone must not open it by itself.
    await name.click();
    await panel.locator('#contact-tags').waitFor();

    // Spanish on a phone: the panel is a sheet over the thread.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/inbox/${latest.id}`);
    await page.locator('[data-testid="message"][data-direction="inbound"]').first().waitFor();
    expect(await panel.count()).toBe(0);
    await name.click();
    await panel.locator('#contact-tags').waitFor();
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await page.screenshot({ path: join(screenshotsDir, 'contact-panel-es-390.png') });
    await panel.getByRole('button', { name: 'Cerrar' }).click();
    expect(await panel.count()).toBe(0);

    // English, on a phone and then on a wide screen.
    const en = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
      storageState: await context.storageState(),
    });
    const phone = await en.newPage();
    const patched = await phone.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } });
    expect(patched.status()).toBeLessThan(300);
    await phone.goto(`${server.url}/inbox/${latest.id}`);
    await phone.locator('[data-testid="message"][data-direction="inbound"]').first().waitFor();
    const phonePanel = phone.locator('[data-testid="contact-panel"]');
    expect(await phonePanel.count()).toBe(0);
    // From the keyboard: focus goes into the sheet, and back to the name when it closes.
    await phone.locator('[data-testid="thread-contact-name"] button').focus();
    await phone.keyboard.press('Enter');
    await phonePanel.locator('#contact-tags').waitFor();
    await expect.poll(() => phone.evaluate(() => document.activeElement?.id)).toBe('contact-panel');
    expect(await phonePanel.getByTestId('contact-phone').textContent()).toBe(formattedPhone);
    expect(await phonePanel.locator('#contact-tags').inputValue()).toBe('cliente frecuente, pasteles');
    expect(await phonePanel.getByTestId('contact-conversations').locator('h3').textContent()).toBe(
      'Other conversations',
    );
    await phone.screenshot({ path: join(screenshotsDir, 'contact-panel-en-390.png') });
    await phonePanel.getByRole('button', { name: 'Close' }).click();
    expect(await phonePanel.count()).toBe(0);
    expect(await phone.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe(
      'contact-panel',
    );
    await phone.locator('[data-testid="thread-messages"]').waitFor();

    await phone.setViewportSize({ width: 1280, height: 800 });
    // Wide again: the remembered choice (open) applies.
    await phonePanel.locator('#contact-tags').waitFor();
    expect(await phonePanel.getByTestId('contact-opt-in').textContent()).toMatch(
      /^Opted out · customer keyword/,
    );
    await phone.screenshot({ path: join(screenshotsDir, 'contact-panel-en-1280.png') });
    await en.close();
  });

  it('shows an agent limited to assigned conversations none of the others', async () => {
    const { server, browser } = e2e;
    const api = owner.request;
    const settings = await api.patch(`${server.url}/api/workspace/settings`, {
      data: { conversationVisibility: 'assigned' },
    });
    expect(settings.status()).toBe(200);
    const invitation = await api.post(`${server.url}/api/invitations`, {
      data: { email: 'pablo@example.com', role: 'agent' },
    });
    expect(invitation.status()).toBe(200);
    const { url: inviteUrl } = (await invitation.json()) as { url: string };
    const token = inviteUrl.split('/invite/')[1] ?? '';
    const accepted = await fetch(`${server.url}/api/invitations/${encodeURIComponent(token)}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Pablo', password: 'otra contraseña larga', locale: 'es' }),
    });
    expect(accepted.status).toBe(200);
    const members = (await (await api.get(`${server.url}/api/members`)).json()) as {
      items: Array<{ userId: string; name: string }>;
    };
    const pabloId = members.items.find((member) => member.name === 'Pablo')?.userId ?? '';
    const assigned = await api.post(`${server.url}/api/conversations/${luciaHere}/assign`, {
      data: { assigneeUserId: pabloId },
    });
    expect(assigned.status()).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    const agent = await context.newPage();
    await agent.goto(`${server.url}/login`);
    await agent.fill('input[name="email"]', 'pablo@example.com');
    await agent.fill('input[name="password"]', 'otra contraseña larga');
    await agent.click('[data-testid="login-submit"]');
    await agent.waitForURL(/\/inbox/);
    await agent.goto(`${server.url}/inbox/${luciaHere}`);
    await agent.locator('[data-testid="thread-contact-name"] button').click();
    const panel = agent.locator('[data-testid="contact-panel"]');
    await panel.locator('#contact-tags').waitFor();
    // What Charla knows of Lucía, yes; her conversation on the other number, not even as a link.
    expect(await panel.locator('#contact-tags').inputValue()).toBe('cliente frecuente, pasteles');
    const others = panel.getByTestId('contact-conversations');
    expect(await others.textContent()).toContain('No hay otras conversaciones que puedas ver.');
    expect(await others.getByTestId('contact-conversation').count()).toBe(0);
    expect(await panel.textContent()).not.toContain('Guadalajara?');
    await agent.screenshot({ path: join(screenshotsDir, 'contact-panel-agent-es-1280.png') });
    await context.close();
  });
});
