import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { gradientPng, tinyPdf } from './media-fixtures';
import { setUpOwnerInBrowser } from './owner-setup';
import { customerMessagesUrl, sandboxOf, simulatorSends } from './sandbox';

const shots = screenshotsDir;
const waId = '5215512345678';
let e2e: E2eApp;
let server: E2eApp['server'];
let browser: E2eApp['browser'];

beforeAll(async () => {
  // A fake microphone (a beeping tone) that needs no permission prompt, so MediaRecorder records.
  e2e = await startE2eApp({
    chromiumArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  ({ server, browser } = e2e);
});

afterAll(() => e2e?.close());

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

const outbound = (page: Page, type: string): Locator =>
  page.locator(`[data-testid="message"][data-direction="outbound"][data-type="${type}"]`);

async function pickFile(page: Page, item: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.click('[data-testid="composer-attach"]');
  const chooser = page.waitForEvent('filechooser');
  await page.click(`[data-testid="${item}"]`);
  await (await chooser).setFiles(file);
  await page.locator('[data-testid="media-preview"]').waitFor();
}

async function openMenu(page: Page, bubble: Locator) {
  await bubble.hover();
  // The ⋯ button sits beside the bubble, in the same row.
  await bubble.locator('xpath=..').locator('[data-testid="message-menu"]').click();
  await page.locator('[data-testid="menu-reply"]').waitFor();
}

describe('an agent sends everything WhatsApp allows inside the 24-hour window', () => {
  it('sends a photo, a document, a voice note, a location, a contact, buttons, a reply and a reaction', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'es-MX',
      permissions: ['microphone'],
    });
    const agent = await context.newPage();
    await setUpOwnerInBrowser(agent, server.url, 'Panadería Sol');

    const sandbox = await sandboxOf(agent.request, server.url);

    // The customer writes first: that opens the 24-hour window.
    const first = await fetch(customerMessagesUrl(sandbox, waId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lucía Gómez', text: 'Hola, ¿qué pan tienen hoy?' }),
    });
    expect(first.status).toBeLessThan(300);

    await agent.click('[data-testid="nav-inbox"]');
    const item = agent.locator('[data-testid="conversation-item"]').first();
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    const question = agent.locator('[data-testid="message"][data-direction="inbound"]', {
      hasText: 'qué pan',
    });
    await question.waitFor();
    await expect
      .poll(() => agent.locator('[data-testid="window-indicator"]').getAttribute('data-open'))
      .toBe('true');

    // No calls and no groups: the icon is there, greyed, and says why.
    await agent.click('[data-testid="call-disabled"]');
    await agent.locator('[data-testid="call-disabled-explanation"]').waitFor();
    await agent.keyboard.press('Escape');

    // 📎 menu.
    await agent.click('[data-testid="composer-attach"]');
    await agent.locator('[data-testid="attach-interactive"]').waitFor();
    await agent.screenshot({ path: join(shots, '21-attach-menu.png') });
    await agent.keyboard.press('Escape');

    // A photo with a caption.
    await pickFile(agent, 'attach-media', {
      name: 'conchas.png',
      mimeType: 'image/png',
      buffer: gradientPng(320, 240),
    });
    expect(await agent.locator('[data-testid="media-preview"]').getAttribute('data-preview')).toBe('image');
    await agent.fill('[data-testid="media-caption"]', 'Conchas recién horneadas');
    await agent.click('[data-testid="media-send"]');
    await outbound(agent, 'image').waitFor({ timeout: 15_000 });
    await agent.locator('[data-testid="media-preview"]').waitFor({ state: 'detached' });

    // A document.
    await pickFile(agent, 'attach-document', {
      name: 'menu.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf(),
    });
    expect(await agent.locator('[data-testid="media-preview"]').getAttribute('data-preview')).toBe('file');
    await agent.click('[data-testid="media-send"]');
    await outbound(agent, 'document').waitFor({ timeout: 15_000 });

    // A voice note from the fake microphone, about two seconds.
    await agent.click('[data-testid="voice-record"]');
    await agent.locator('[data-testid="voice-stop"]').waitFor();
    await agent.waitForTimeout(2_000);
    await agent.click('[data-testid="voice-send"]');
    await outbound(agent, 'audio').waitFor({ timeout: 20_000 });
    await agent.locator('[data-testid="voice-recorder"]').waitFor({ state: 'detached' });

    // A location.
    await agent.click('[data-testid="composer-attach"]');
    await agent.click('[data-testid="attach-location"]');
    const location = agent.locator('[data-testid="location-dialog"]');
    await location.waitFor();
    await location.locator('input[name="latitude"]').fill('19.432608');
    await location.locator('input[name="longitude"]').fill('-99.133208');
    await location.locator('input[name="name"]').fill('Panadería Sol');
    await location.locator('input[name="address"]').fill('Av. Juárez 12, CDMX');
    await agent.click('[data-testid="location-send"]');
    await outbound(agent, 'location').waitFor({ timeout: 15_000 });

    // A contact card.
    await agent.click('[data-testid="composer-attach"]');
    await agent.click('[data-testid="attach-contact"]');
    const contact = agent.locator('[data-testid="contact-dialog"]');
    await contact.waitFor();
    await contact.locator('input[name="name"]').fill('Mario Pérez');
    await contact.locator('input[name="phone-0"]').fill('+52 55 8765 4321');
    await contact.locator('input[name="email"]').fill('mario@example.com');
    await agent.click('[data-testid="contact-send"]');
    await outbound(agent, 'contacts').waitFor({ timeout: 15_000 });

    // Reply buttons; a duplicate title is caught before sending.
    await agent.click('[data-testid="composer-attach"]');
    await agent.click('[data-testid="attach-interactive"]');
    await agent.locator('[data-testid="interactive-dialog"]').waitFor();
    await agent.fill('[data-testid="interactive-body"]', '¿Cuál le apartamos?');
    await agent.fill('[data-testid="interactive-button-0"]', 'Concha');
    await agent.click('[data-testid="interactive-add-button"]');
    await agent.fill('[data-testid="interactive-button-1"]', 'concha');
    expect(await agent.locator('[data-testid="interactive-button-1"]').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await agent.fill('[data-testid="interactive-button-1"]', 'Bolillo');
    await agent.screenshot({ path: join(shots, '23-interactive-dialog.png') });
    await agent.click('[data-testid="interactive-send"]');
    await outbound(agent, 'interactive').waitFor({ timeout: 15_000 });

    // The message menu: Reply and React work; Forward and Delete are shown with WhatsApp's reason.
    await openMenu(agent, question);
    const forward = agent.locator('[data-testid="menu-forward"]');
    expect(await forward.getAttribute('aria-disabled')).toBe('true');
    expect(await forward.textContent()).toContain('no puede reenviar');
    expect(await agent.locator('[data-testid="menu-delete"]').textContent()).toContain('no puede eliminar');
    await agent.screenshot({ path: join(shots, '22-message-menu.png') });
    await agent.click('[data-testid="menu-reply"]');
    await agent.locator('[data-testid="reply-bar"]').waitFor();
    await agent.fill('[data-testid="composer-input"]', 'Hoy hay conchas y bolillos');
    await agent.click('[data-testid="composer-send"]');
    const reply = agent.locator('[data-testid="message"][data-direction="outbound"]', {
      hasText: 'Hoy hay conchas',
    });
    await reply.locator('[data-testid="quoted-message"]').waitFor({ timeout: 15_000 });
    await agent.locator('[data-testid="reply-bar"]').waitFor({ state: 'detached' });

    await openMenu(agent, question);
    await agent.click('[data-testid="menu-react"]');
    await agent.locator('[data-testid="reaction-picker"]').waitFor();
    await agent.click('[data-testid="reaction-picker"] [data-emoji="❤️"]');
    await question.locator('[data-testid="reaction"][data-direction="outbound"]').waitFor();

    // Each one reached "Meta" (the simulator), with the right type, and was accepted.
    const want = ['image', 'document', 'audio', 'location', 'contacts', 'interactive', 'text', 'reaction'];
    await expect
      .poll(async () => (await simulatorSends(sandbox)).map((s) => s.body.type), {
        timeout: 20_000,
      })
      .toEqual(expect.arrayContaining(want));
    const records = await simulatorSends(sandbox);
    const byType = (type: string) => records.filter((s) => s.body.type === type);
    for (const type of want) {
      expect(
        byType(type).map((s) => s.responseStatus),
        type,
      ).toContain(200);
    }
    expect(byType('image')[0]?.body.image).toMatchObject({ caption: 'Conchas recién horneadas' });
    expect(byType('document')[0]?.body.document).toMatchObject({ filename: 'menu.pdf' });
    expect(byType('audio')[0]?.body.audio).toMatchObject({ voice: true });
    expect(byType('location')[0]?.body.location).toMatchObject({
      latitude: 19.432608,
      name: 'Panadería Sol',
    });
    expect(byType('interactive')[0]?.body.interactive).toMatchObject({ type: 'button' });
    const textReply = byType('text').find((s) => JSON.stringify(s.body).includes('Hoy hay conchas'));
    expect(textReply?.body.context).toMatchObject({ message_id: expect.any(String) });
    expect(byType('reaction').at(-1)?.body.reaction).toMatchObject({ emoji: '❤️' });

    // The bubbles show with WhatsApp's ticks (sent, delivered or read), none failed.
    for (const type of ['image', 'document', 'audio', 'location', 'contacts', 'interactive']) {
      await expect
        .poll(() => outbound(agent, type).first().getAttribute('data-status'), { timeout: 20_000 })
        .toMatch(/^(sent|delivered|read)$/);
    }
    await expect
      .poll(() => reply.getAttribute('data-status'), { timeout: 20_000 })
      .toMatch(/^(sent|delivered|read)$/);
    expect(await agent.locator('[data-testid="failure-note"]').count()).toBe(0);

    await screenshotWholeThread(agent, join(shots, '20-outbound.png'));
  });
});
