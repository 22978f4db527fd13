import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { customerMessagesUrl, sandboxOf } from './sandbox';

let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
});
afterAll(() => e2e?.close());

/** Records every browser notification the page creates (Chromium shows none headless). */
const hookNotifications = () => {
  const created: { title: string; body: string }[] = [];
  (window as unknown as { __notifications: typeof created }).__notifications = created;
  const Original = window.Notification;
  class Recorded extends Original {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      created.push({ title, body: options?.body ?? '' });
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Original.permission });
  window.Notification = Recorded as typeof Notification;
};

const notificationsOf = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications,
  );

async function newAgentContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
  await context.grantPermissions(['notifications'], { origin: server.url });
  await context.addInitScript(hookNotifications);
  return context;
}

describe('two agents in the same inbox', () => {
  it('see each other viewing and typing, assignments live, and a mention reaches only Ana', async () => {
    const anaContext = await newAgentContext();
    const api = anaContext.request;
    const anaId = await setUpOwnerByApi(api, server.url, {
      workspaceName: 'Florería Luz',
      name: 'Ana',
      email: 'ana@example.com',
    });

    // Beto, an admin, accepts his invitation in his own browser.
    const invitation = await api.post(`${server.url}/api/invitations`, {
      data: { email: 'beto@example.com', role: 'admin' },
    });
    const token = ((await invitation.json()) as { url: string }).url.split('/invite/')[1] ?? '';
    const betoContext = await newAgentContext();
    const accepted = await betoContext.request.post(
      `${server.url}/api/invitations/${encodeURIComponent(token)}/accept`,
      {
        data: { name: 'Beto', password: 'otra contraseña larga', locale: 'es' },
      },
    );
    expect(accepted.status()).toBe(200);

    // A customer writes to the sandbox number from the simulated phone.
    const sandbox = await sandboxOf(api, server.url);
    const { simulatorUrl, phoneNumberId } = sandbox;
    const waId = '5215512340001';
    const sent = await fetch(customerMessagesUrl(sandbox, waId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Rosa Martínez', text: '¿Tienen ramos de girasoles para hoy?' }),
    });
    expect(sent.status).toBeLessThan(300);
    let conversationId = '';
    await expect
      .poll(
        async () => {
          const list = (await (await api.get(`${server.url}/api/conversations`)).json()) as {
            items: { id: string }[];
          };
          conversationId = list.items[0]?.id ?? '';
          return conversationId;
        },
        { timeout: 15_000 },
      )
      .not.toBe('');

    // Beto has the conversation open; Ana opens it too.
    const beto = await betoContext.newPage();
    await beto.goto(`${server.url}/inbox/${conversationId}`);
    await beto.locator('[data-testid="message"][data-direction="inbound"]').first().waitFor();
    const ana = await anaContext.newPage();
    await ana.goto(`${server.url}/inbox/${conversationId}`);
    await ana.locator('[data-testid="message"][data-direction="inbound"]').first().waitFor();

    const betoPresence = beto.locator('[data-testid="presence-text"]');
    await expect
      .poll(() => betoPresence.textContent(), { timeout: 10_000 })
      .toBe('Ana está viendo esta conversación');
    await expect
      .poll(() => beto.locator('[data-testid="presence-marker"]').getAttribute('data-state'))
      .toBe('viewing');
    // Ana is told about Beto the same way, and never about herself.
    await expect
      .poll(() => ana.locator('[data-testid="presence-text"]').textContent())
      .toBe('Beto está viendo esta conversación');

    // Ana types a reply: Beto sees it in the header, the list and above his composer.
    await ana.locator('[data-testid="composer-input"]').pressSequentially('Claro, tenemos', { delay: 30 });
    await expect.poll(() => betoPresence.textContent(), { timeout: 10_000 }).toBe('Ana está escribiendo…');
    await expect
      .poll(() => beto.locator('[data-testid="presence-marker"]').getAttribute('data-state'))
      .toBe('typing');
    expect(await beto.locator('[data-testid="typing-warning"]').textContent()).toContain(
      'Ana está escribiendo una respuesta',
    );
    await beto.screenshot({ path: join(screenshotsDir, '60-presence-typing.png') });
    // She stops: about 6 s later she is only viewing again.
    await expect
      .poll(() => betoPresence.textContent(), { timeout: 12_000 })
      .toBe('Ana está viendo esta conversación');
    expect(await beto.locator('[data-testid="typing-warning"]').count()).toBe(0);
    await beto.screenshot({ path: join(screenshotsDir, '61-presence-viewing.png') });

    // Ana takes the conversation: Beto's header follows without reloading.
    await ana.click('[data-testid="assign-menu"]');
    await ana.click(`[data-testid="assign-agent-${anaId}"]`);
    await expect
      .poll(() => beto.locator('[data-testid="assign-menu"]').getAttribute('data-assignee'), {
        timeout: 10_000,
      })
      .toBe(anaId);
    expect(await beto.locator('[data-testid="assign-menu"]').textContent()).toContain('Ana');

    // Beto leaves an internal note for Ana.
    await beto.click('[data-testid="composer-note-toggle"]');
    await beto.fill('[data-testid="composer-input"]', '@Ana ofrécele también las rosas amarillas');
    await beto.keyboard.press('Enter');

    // Ana sees it appear as a note, gets a toast and a browser notification.
    const note = ana.locator('[data-testid="note-bubble"]');
    await note.waitFor({ timeout: 10_000 });
    expect(await note.textContent()).toContain('ofrécele también las rosas amarillas');
    const toast = ana.locator('[data-testid="mention-toast"]');
    await toast.waitFor({ timeout: 10_000 });
    expect(await toast.textContent()).toContain('Beto te mencionó');
    await expect
      .poll(() => notificationsOf(ana))
      .toEqual([{ title: 'Beto te mencionó', body: '@Ana ofrécele también las rosas amarillas' }]);
    await ana.screenshot({ path: join(screenshotsDir, '62-mention-toast.png') });
    // Only the mentioned member is told.
    await new Promise((r) => setTimeout(r, 500));
    expect(await beto.locator('[data-testid="mention-toast"]').count()).toBe(0);
    expect(await notificationsOf(beto)).toEqual([]);

    // The customer's phone never received the note (nothing was sent to WhatsApp).
    const sends = (await (
      await fetch(`${simulatorUrl}/_sim/sends?phoneNumberId=${encodeURIComponent(phoneNumberId)}`)
    ).json()) as {
      items?: unknown[];
    };
    expect(Array.isArray(sends.items)).toBe(true);
    expect(JSON.stringify(sends)).not.toContain('rosas amarillas');
    const thread = (await (await api.get(`${server.url}/api/conversations/${conversationId}`)).json()) as {
      messages: { direction: string }[];
    };
    expect(thread.messages.filter((m) => m.direction === 'outbound')).toEqual([]);

    // Ana leaves the conversation: Beto no longer sees her there.
    await ana.goto(`${server.url}/inbox`);
    await expect
      .poll(() => beto.locator('[data-testid="presence-bar"]').count(), { timeout: 10_000 })
      .toBe(0);

    // On a phone-sized screen the header still shows who is there.
    await ana.goto(`${server.url}/inbox/${conversationId}`);
    await beto.setViewportSize({ width: 390, height: 760 });
    await expect
      .poll(() => betoPresence.textContent(), { timeout: 10_000 })
      .toBe('Ana está viendo esta conversación');
    await beto.screenshot({ path: join(screenshotsDir, '63-presence-phone.png') });
  }, 120_000);
});
