import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { gradientPng } from './media-fixtures';
import { setUpOwnerByApi } from './owner-setup';
import { customerMessagesUrl, type Sandbox, sandboxOf } from './sandbox';

let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];
let owner: BrowserContext;
let sandbox: Sandbox;

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
  owner = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
  await setUpOwnerByApi(owner.request, server.url, {
    workspaceName: 'Panadería Sol',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
  sandbox = await sandboxOf(owner.request, server.url);
}, 90_000);
afterAll(() => e2e?.close());

/** What the customer's phone sends through the simulator. */
async function customerWrites(waId: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(customerMessagesUrl(sandbox, waId), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Lucía Gómez', ...body }),
  });
  if (!response.ok) throw new Error(`simulator answered ${response.status}: ${await response.text()}`);
}

type ThreadJson = { messages: { id: string; text: string | null; content: { media?: { state: string } } }[] };

/** The conversation of the customer `waId` once `isReady` holds for its thread (polling the API). */
async function conversationOf(
  api: APIRequestContext,
  waId: string,
  isReady: (thread: ThreadJson) => boolean,
): Promise<string> {
  let id = '';
  await expect
    .poll(
      async () => {
        const list = (await (await api.get(`${server.url}/api/conversations`)).json()) as {
          items: { id: string; contact: { phone: string } }[];
        };
        id = list.items.find((c) => c.contact.phone.endsWith(waId.slice(-8)))?.id ?? '';
        if (!id) return false;
        return isReady((await (await api.get(`${server.url}/api/conversations/${id}`)).json()) as ThreadJson);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return id;
}

/** Where the newest message sits against the visible part of the thread. */
function newestPlacement(page: Page) {
  return page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="thread-messages"]');
    const bubbles = document.querySelectorAll('[data-testid="message"]');
    const newest = bubbles[bubbles.length - 1];
    if (!scroller || !newest) return 'missing';
    const view = scroller.getBoundingClientRect();
    const box = newest.getBoundingClientRect();
    if (box.top >= view.top - 1 && box.bottom <= view.bottom + 1) return 'in view';
    return box.top >= view.bottom ? 'below' : 'above';
  });
}

const isImageLoaded = (page: Page) =>
  page
    .locator('[data-testid="media-image"] img')
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalHeight > 0);

/** Photos arrive late, as on a slow connection, so they grow only after the thread is drawn. */
async function slowImages(context: BrowserContext): Promise<void> {
  await context.route('**/*', async (route) => {
    if (route.request().resourceType() === 'image') await new Promise((r) => setTimeout(r, 1_500));
    await route.continue();
  });
}

async function scrollUp(page: Page): Promise<void> {
  const box = await page.locator('[data-testid="thread-messages"]').boundingBox();
  if (!box) throw new Error('no thread');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -2_000);
}

describe('the thread stays at the newest message', () => {
  it('keeps the newest message in view while a photo loads, and offers a jump when the agent reads further up', async () => {
    const waId = '5215512340101';
    for (let i = 1; i <= 10; i++) await customerWrites(waId, { text: `Mensaje ${i} del pedido de conchas` });
    await customerWrites(waId, {
      message: { type: 'image', image: { caption: 'Así lo quiero' } },
      media: { base64: gradientPng(320, 480).toString('base64'), mimeType: 'image/png' },
    });
    await customerWrites(waId, { text: '¿Me confirman el pedido?' });
    const conversationId = await conversationOf(owner.request, waId, (thread) => {
      const last = thread.messages.at(-1);
      const photo = thread.messages.find((m) => m.content.media);
      return last?.text === '¿Me confirman el pedido?' && photo?.content.media?.state === 'ready';
    });

    const check = async (page: Page, jumpLabel: string, shot: string, nextText: string) => {
      await page.goto(`${server.url}/inbox/${conversationId}`);
      await page.locator('[data-testid="message"]').last().waitFor({ timeout: 15_000 });
      expect(await isImageLoaded(page)).toBe(false);
      await expect.poll(() => isImageLoaded(page), { timeout: 10_000 }).toBe(true);
      // The photo grew after the thread was drawn: the newest message is still the one in sight.
      await expect.poll(() => newestPlacement(page)).toBe('in view');
      const jump = page.locator('[data-testid="jump-to-latest"]');
      expect(await jump.count()).toBe(0);
      await page.screenshot({ path: join(screenshotsDir, `${shot}-photo-loaded.png`) });

      // Reading older messages: a new one does not pull the agent down; the button counts it.
      await scrollUp(page);
      await jump.waitFor();
      await customerWrites(waId, { text: nextText });
      await expect.poll(() => jump.textContent(), { timeout: 15_000 }).toBe(`${jumpLabel} (1)`);
      await expect
        .poll(() => page.locator('[data-testid="message"]').last().textContent())
        .toContain(nextText);
      expect(await newestPlacement(page)).toBe('below');
      await page.screenshot({ path: join(screenshotsDir, `${shot}-jump-to-latest.png`) });

      await jump.click();
      await expect.poll(() => newestPlacement(page)).toBe('in view');
      await expect.poll(() => jump.count()).toBe(0);

      // Back at the bottom, the next message simply shows there.
      await customerWrites(waId, { text: `${nextText} 2` });
      await expect
        .poll(() => page.locator('[data-testid="message"]').last().textContent(), { timeout: 15_000 })
        .toContain(`${nextText} 2`);
      await expect.poll(() => newestPlacement(page)).toBe('in view');
      expect(await jump.count()).toBe(0);
    };

    await slowImages(owner);
    const es = await owner.newPage();
    await check(es, 'Ir a lo último', 'thread-es-1280', '¿Siguen ahí?');

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
      storageState: await owner.storageState(),
    });
    await slowImages(phone);
    const en = await phone.newPage();
    const patched = await en.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } });
    expect(patched.status()).toBeLessThan(300);
    await check(en, 'Jump to latest', 'thread-en-390', 'Hello?');
    await en.request.patch(`${server.url}/api/me`, { data: { locale: 'es' } });
    await phone.close();
    await es.close();
  }, 120_000);
});

describe('mentioning a teammate in a note', () => {
  it('picks a member after @ with the keyboard or the mouse and highlights the mention', async () => {
    for (const [email, name] of [
      ['beto@example.com', 'Beto Álvarez'],
      ['berta@example.com', 'Berta Núñez'],
    ] as const) {
      const invitation = await owner.request.post(`${server.url}/api/invitations`, {
        data: { email, role: 'agent' },
      });
      const token = ((await invitation.json()) as { url: string }).url.split('/invite/')[1] ?? '';
      const member = await browser.newContext();
      const accepted = await member.request.post(
        `${server.url}/api/invitations/${encodeURIComponent(token)}/accept`,
        { data: { name, password: 'otra contraseña larga', locale: 'es' } },
      );
      expect(accepted.status()).toBe(200);
      await member.close();
    }
    const waId = '5215512340202';
    await customerWrites(waId, { text: 'Quiero un pastel para el sábado' });
    const conversationId = await conversationOf(owner.request, waId, (t) => t.messages.length > 0);

    const page = await owner.newPage();
    await page.goto(`${server.url}/inbox/${conversationId}`);
    const input = page.locator('[data-testid="composer-input"]');
    await input.waitFor();
    await page.click('[data-testid="composer-note-toggle"]');
    const picker = page.locator('[data-testid="mention-picker"]');
    const options = page.locator('[data-testid="mention-option"]');

    // Escape closes the list and leaves the @ typed.
    await input.pressSequentially('@', { delay: 20 });
    await picker.waitFor();
    await input.press('Escape');
    await expect.poll(() => picker.count()).toBe(0);
    expect(await input.inputValue()).toBe('@');
    await input.fill('');

    // "@be" lists Berta and Beto by name (not Carmen, who writes); ArrowDown and Enter pick Beto.
    await input.pressSequentially('<b>Ojo</b> @be', { delay: 20 });
    const names = page.locator('[data-testid="mention-option-name"]');
    await expect.poll(() => names.allTextContents()).toEqual(['Berta Núñez', 'Beto Álvarez']);
    await input.press('ArrowDown');
    await expect.poll(() => options.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: join(screenshotsDir, 'mentions-es-1280-picker.png') });
    await input.press('Enter');
    expect(await input.inputValue()).toBe('<b>Ojo</b> @Beto Álvarez ');
    await expect.poll(() => picker.count()).toBe(0);
    await input.pressSequentially('confirma el sabor', { delay: 10 });
    await input.press('Enter');

    const note = page.locator('[data-testid="note-bubble"]').last();
    await note.locator('[data-testid="note-mention"]').waitFor({ timeout: 10_000 });
    expect(await note.locator('[data-testid="note-mention"]').allTextContents()).toEqual(['@Beto Álvarez']);
    // The note's words are text, never markup.
    expect(await note.textContent()).toContain('<b>Ojo</b> @Beto Álvarez confirma el sabor');
    expect(await note.locator('b').count()).toBe(0);
    await page.screenshot({ path: join(screenshotsDir, 'mentions-es-1280-note.png') });

    // On a phone, in English: "@nun" finds Berta by her last name, accent or not; a tap picks her.
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
      storageState: await owner.storageState(),
    });
    const en = await phone.newPage();
    await en.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } });
    await en.goto(`${server.url}/inbox/${conversationId}`);
    const enInput = en.locator('[data-testid="composer-input"]');
    await enInput.waitFor();
    await en.click('[data-testid="composer-note-toggle"]');
    await enInput.pressSequentially('Please call her @nun', { delay: 20 });
    const enOptions = en.locator('[data-testid="mention-option"]');
    await expect.poll(() => enOptions.count()).toBe(1);
    expect(await en.locator('[data-testid="mention-picker"]').textContent()).toContain('Mention a member');
    await en.screenshot({ path: join(screenshotsDir, 'mentions-en-390-picker.png') });
    await enOptions.first().click();
    expect(await enInput.inputValue()).toBe('Please call her @Berta Núñez ');
    await en.click('[data-testid="composer-send"]');
    const enNote = en.locator('[data-testid="note-bubble"]', { hasText: 'Please call her' });
    await enNote.locator('[data-testid="note-mention"]').waitFor({ timeout: 10_000 });
    expect(await enNote.locator('[data-testid="note-mention"]').textContent()).toBe('@Berta Núñez');
    await en.screenshot({ path: join(screenshotsDir, 'mentions-en-390-note.png') });
    await en.request.patch(`${server.url}/api/me`, { data: { locale: 'es' } });
    await phone.close();
    await page.close();
  }, 90_000);
});
