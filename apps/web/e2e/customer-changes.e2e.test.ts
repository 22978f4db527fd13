import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerInBrowser } from './owner-setup';
import { customerMessagesUrl, sandboxOf } from './sandbox';

const waId = '5215512340077';
let e2e: E2eApp;

beforeAll(async () => {
  e2e = await startE2eApp();
});
afterAll(() => e2e?.close());

describe('what a customer did to their messages, and the ad they came from', () => {
  it('shows a deleted message struck through, an edited one labelled, and the ad, in Spanish and English', async () => {
    const { server, browser } = e2e;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    const agent = await context.newPage();
    await setUpOwnerInBrowser(agent, server.url, 'Panadería Sol');
    const sandbox = await sandboxOf(agent.request, server.url);
    const send = async (body: Record<string, unknown>) => {
      const response = await fetch(customerMessagesUrl(sandbox, waId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Lucía Gómez', ...body }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`simulator answered ${response.status}: ${text}`);
      return JSON.parse(text) as { wamid: string };
    };
    await send({
      message: {
        type: 'text',
        text: { body: 'Hola, vi su anuncio' },
        referral: {
          source_type: 'ad',
          source_id: '120226305854810726',
          source_url: 'https://fb.me/3cr4Wqqkv',
          headline: 'Pan dulce 2x1',
          body: 'Solo este fin de semana',
          media_type: 'image',
          image_url: 'https://scontent.example/ad.jpg',
          ctwa_clid: 'Aff-n8ZT',
        },
      },
    });
    const wrong = await send({ text: 'Mi dirección es Calle 5 #12' });
    const order = await send({ text: 'Quiero dos conchas' });
    await send({ message: { type: 'revoke', revoke: { original_message_id: wrong.wamid } } });
    await send({
      message: {
        type: 'edit',
        edit: {
          original_message_id: order.wamid,
          message: { type: 'text', text: { body: 'Quiero tres conchas' } },
        },
      },
    });

    await agent.click('[data-testid="nav-inbox"]');
    const item = agent.locator('[data-testid="conversation-item"]').first();
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    await agent.locator('[data-testid="message"][data-type="edit"]').waitFor({ timeout: 20_000 });
    await agent.reload();
    const deleted = agent.locator('[data-testid="message"]', { hasText: 'Calle 5' });
    await deleted.locator('[data-testid="deleted-label"]').waitFor({ timeout: 15_000 });
    expect(await deleted.textContent()).toContain('Eliminado por el cliente');
    const edited = agent.locator('[data-testid="message"][data-type="text"]', {
      hasText: 'Quiero tres conchas',
    });
    expect(await edited.locator('[data-testid="edited-label"]').textContent()).toBe('Editado');
    await edited.getByRole('button', { name: 'Ver el texto anterior' }).click();
    expect(await edited.locator('[data-testid="previous-text"]').textContent()).toContain(
      'Quiero dos conchas',
    );
    const banner = agent.locator('[data-testid="referral-banner"]');
    expect(await banner.textContent()).toContain('Pan dulce 2x1');
    expect(await banner.locator('[data-testid="referral-media"]').getAttribute('href')).toBe(
      'https://scontent.example/ad.jpg',
    );
    expect(await banner.locator('img').count()).toBe(0);
    await agent.screenshot({ path: join(screenshotsDir, 'customer-changes-es-1280.png') });

    // Filter: only chats from ads.
    await agent.click('[data-testid="filter-from-ad"]');
    await expect.poll(() => agent.locator('[data-testid="conversation-item"]').count()).toBe(1);

    const en = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
      storageState: await context.storageState(),
    });
    const phone = await en.newPage();
    // The account speaks English from now on (as the language menu would set it).
    const patched = await phone.request.patch(`${server.url}/api/me`, { data: { locale: 'en' } });
    expect(patched.status()).toBeLessThan(300);
    await phone.evaluate(() => localStorage.clear()).catch(() => undefined);
    await phone.goto(agent.url());
    const enDeleted = phone.locator('[data-testid="deleted-label"]');
    await enDeleted.waitFor({ timeout: 15_000 });
    await expect.poll(() => enDeleted.textContent()).toBe('Deleted by the customer');
    expect(await phone.locator('[data-testid="edited-label"]').textContent()).toBe('Edited');
    await phone.screenshot({ path: join(screenshotsDir, 'customer-changes-en-390.png') });
    await context.close();
    await en.close();
  });
});
