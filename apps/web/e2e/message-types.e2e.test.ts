import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { gradientPng, silentOggOpus, tinyPdf } from './media-fixtures';
import { setUpOwnerInBrowser } from './owner-setup';
import { customerMessagesUrl, type Sandbox, sandboxOf } from './sandbox';

const shots = screenshotsDir;
const waId = '5215512345678';
let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];

beforeAll(async () => {
  e2e = await startE2eApp();
  ({ server, browser } = e2e);
});

afterAll(() => e2e?.close());

type CustomerMessage = {
  name?: string;
  text?: string;
  message?: Record<string, unknown>;
  media?: { base64: string; mimeType: string; filename?: string };
};

/** The simulator's customer API: what a WhatsApp user's phone would send. */
function customer(sandbox: Sandbox) {
  return async (body: CustomerMessage): Promise<{ wamid: string; mediaId?: string }> => {
    const url = customerMessagesUrl(sandbox, waId);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lucía Gómez', ...body }),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(
        `simulator answered ${response.status} to ${JSON.stringify(body).slice(0, 120)}: ${text}`,
      );
    return JSON.parse(text) as { wamid: string; mediaId?: string };
  };
}

/** Grows the window until the thread fits, so one screenshot shows every message. */
async function screenshotWholeThread(page: Page, path: string): Promise<void> {
  const thread = page.locator('[data-testid="thread-messages"]');
  for (let attempt = 0; attempt < 5; attempt++) {
    const hidden = await thread.evaluate((element) => element.scrollHeight - element.clientHeight);
    if (hidden <= 0) break;
    const { width, height } = page.viewportSize() ?? { width: 1280, height: 800 };
    await page.setViewportSize({ width, height: height + hidden });
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path, fullPage: true });
}

const message = (page: Page, type: string) => page.locator(`[data-testid="message"][data-type="${type}"]`);

describe('every kind of WhatsApp message shows in the inbox as a phone would show it', () => {
  it('renders text, media, voice, location, contacts, quotes, reactions, forwards and unsupported messages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    const agent = await context.newPage();
    await setUpOwnerInBrowser(agent, server.url, 'Panadería Sol');

    const sandbox = await sandboxOf(agent.request, server.url);
    const send = customer(sandbox);

    const greeting = await send({ text: 'Hola, les mando lo del pedido <b>urgente</b>' });
    const photo = await send({
      message: { type: 'image', image: { caption: 'Así lo quiero, con azúcar' } },
      media: { base64: gradientPng(320, 240).toString('base64'), mimeType: 'image/png' },
    });
    await send({
      message: {
        type: 'document',
        document: { filename: 'lista-de-precios.pdf', caption: 'Mi pedido anterior' },
      },
      media: {
        base64: tinyPdf().toString('base64'),
        mimeType: 'application/pdf',
        filename: 'lista-de-precios.pdf',
      },
    });
    await send({
      message: { type: 'audio', audio: { voice: true } },
      media: { base64: silentOggOpus(3).toString('base64'), mimeType: 'audio/ogg; codecs=opus' },
    });
    await send({
      message: {
        type: 'location',
        location: {
          latitude: 19.4326077,
          longitude: -99.133208,
          name: 'Panadería Sol',
          address: 'Av. Juárez 12, CDMX',
        },
      },
    });
    await send({
      message: {
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'Mario Pérez', first_name: 'Mario', last_name: 'Pérez' },
            org: { company: 'Repartos Rápidos' },
            phones: [{ phone: '+52 55 8765 4321', type: 'CELL', wa_id: '5215587654321' }],
            emails: [{ email: 'mario@example.com', type: 'WORK' }],
          },
        ],
      },
    });
    await send({
      message: {
        type: 'text',
        text: { body: 'Este, el de la foto' },
        context: { from: waId, id: photo.wamid },
      },
    });
    await send({ message: { type: 'reaction', reaction: { message_id: greeting.wamid, emoji: '👍' } } });
    await send({
      message: { type: 'text', text: { body: 'Promoción: 2x1 en conchas' }, context: { forwarded: true } },
    });
    await send({
      message: {
        type: 'unsupported',
        unsupported: { type: 'poll_creation' },
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ],
      },
    });

    await agent.click('[data-testid="nav-inbox"]');
    const item = agent.locator('[data-testid="conversation-item"]').first();
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    await message(agent, 'unsupported').waitFor({ timeout: 20_000 });

    // Text stays text.
    const text = message(agent, 'text').filter({ hasText: 'urgente' });
    expect(await text.textContent()).toContain('<b>urgente</b>');
    expect(await agent.locator('[data-testid="message"] b').count()).toBe(0);

    // The photo arrives (downloaded from WhatsApp by the server) and loads from Charla's own route.
    const image = message(agent, 'image').locator('[data-testid="media-image"] img');
    await image.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 })
      .toBe(320);
    expect(new URL((await image.getAttribute('src')) ?? '', server.url).origin).toBe(server.url);
    expect(await message(agent, 'image').textContent()).toContain('Así lo quiero, con azúcar');

    const documentCard = message(agent, 'document').locator('[data-testid="media-document"]');
    await documentCard.waitFor();
    expect(await documentCard.textContent()).toContain('lista-de-precios.pdf');
    expect(await documentCard.locator('[data-testid="media-download"]').getAttribute('href')).toMatch(
      /^\/api\/media\//,
    );

    // The voice note plays.
    const voice = message(agent, 'audio').locator('[data-testid="voice-note"]');
    await voice.waitFor({ timeout: 20_000 });
    await voice.locator('[data-testid="audio-toggle"]').click();
    await expect
      .poll(() => voice.locator('audio').evaluate((audio: HTMLAudioElement) => audio.currentTime), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    expect(await voice.locator('audio').evaluate((audio: HTMLAudioElement) => audio.error)).toBeNull();
    await voice.locator('[data-testid="audio-toggle"]').click();

    const locationCard = message(agent, 'location').locator('[data-testid="location-card"]');
    expect(await locationCard.textContent()).toContain('Panadería Sol');
    const mapLink = locationCard.locator('[data-testid="open-map"]');
    expect(await mapLink.getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=19.432608&mlon=-99.133208#map=16/19.432608/-99.133208',
    );
    expect(await mapLink.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await mapLink.getAttribute('target')).toBe('_blank');

    const contact = message(agent, 'contacts').locator('[data-testid="contact-card"]');
    expect(await contact.textContent()).toContain('Mario Pérez');
    expect(await contact.textContent()).toContain('+52 55 8765 4321');
    await contact.locator('[data-testid="copy-number"]').waitFor();

    // The reply quotes the photo; clicking the quote goes back to it.
    const quote = agent
      .locator('[data-testid="message"]', { hasText: 'Este, el de la foto' })
      .locator('[data-testid="quoted-message"]');
    await quote.waitFor();
    expect(await quote.textContent()).toContain('Lucía Gómez');
    await quote.click();
    expect(
      await message(agent, 'image').evaluate((element) => element.getAnimations().length),
    ).toBeGreaterThan(0);

    const reaction = text.locator('[data-testid="reaction"]');
    await reaction.waitFor({ timeout: 10_000 });
    expect(await reaction.textContent()).toContain('👍');

    const forwarded = agent
      .locator('[data-testid="message"]', { hasText: 'Promoción: 2x1' })
      .locator('[data-testid="forwarded-label"]');
    expect(await forwarded.textContent()).toContain('Reenviado');

    await message(agent, 'unsupported').locator('[data-testid="unsupported-note"]').waitFor();

    // Nothing in the thread was fetched from anywhere but Charla.
    const foreign = await agent.evaluate(() =>
      [...document.querySelectorAll('img, video, audio')]
        .map(
          (element) =>
            (element as HTMLMediaElement | HTMLImageElement).currentSrc || element.getAttribute('src'),
        )
        .filter((src) => src && new URL(src, location.href).origin !== location.origin),
    );
    expect(foreign).toEqual([]);

    // The quoted photo flashed; let that finish before the picture.
    await agent.waitForFunction(() => document.getAnimations().length === 0);
    await screenshotWholeThread(agent, join(shots, '10-message-types.png'));

    const phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'es-MX',
      storageState: await context.storageState(),
    });
    const phone = await phoneContext.newPage();
    await phone.goto(agent.url());
    await message(phone, 'unsupported').waitFor({ timeout: 15_000 });
    await phone
      .locator('[data-testid="media-image"] img')
      .evaluate(
        (img: HTMLImageElement) =>
          img.complete || new Promise((resolve) => img.addEventListener('load', resolve)),
      );
    await screenshotWholeThread(phone, join(shots, '11-message-types-phone.png'));
  });
});
