import { join } from 'node:path';
import { WEBHOOK_EVENT_TYPES } from '@charla/contracts';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { en } from '../src/i18n/en';
import { es } from '../src/i18n/es';
import { type E2eApp, screenshotsDir, startE2eApp } from './e2e-app';
import { setUpOwnerByApi } from './owner-setup';
import { customerMessagesUrl, sandboxOf } from './sandbox';

let e2e: E2eApp;
let server: E2eApp['server'];
let ownerSession: BrowserContextOptions['storageState'];
let conversationId = '';

type Language = 'es' | 'en';

/** Every string of a dictionary, placeholders (`{{name}}`) left out. */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node.replace(/\{\{[^}]*\}\}/g, ' ')];
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

/** Words of at least 5 letters, lower case: short ones ("a", "no", "es") are shared too often. */
function words(text: string): Set<string> {
  return new Set(text.toLocaleLowerCase().match(/\p{L}{5,}/gu) ?? []);
}

const dictionaryWords = { es: words(strings(es).join(' ')), en: words(strings(en).join(' ')) };
/**
 * Data, not interface: what this test's people typed (names, addresses), the sandbox number's name
 * as the server gives it, the IANA time zones the workspace page lists ("America/Campo Grande") and
 * the webhook event types, which are names in code ("message.received").
 */
const dataWords = words(
  [
    'Zapatería Luna',
    'Carmen',
    'carmen@example.com',
    'Lucía Gómez',
    'Sandbox',
    ...Intl.supportedValuesOf('timeZone'),
    ...WEBHOOK_EVENT_TYPES,
  ]
    .join(' ')
    .replace(/[/_]/g, ' '),
);
/** The words only the other language's dictionary uses: brand names and shared words are in both. */
const foreignWords = (language: Language) => {
  const other = dictionaryWords[language === 'es' ? 'en' : 'es'];
  return new Set([...other].filter((w) => !dictionaryWords[language].has(w) && !dataWords.has(w)));
};

/** The page's visible text plus what screen readers and empty fields show (labels, placeholders). */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const extra = [...document.querySelectorAll<HTMLElement>('[aria-label], [placeholder], [title]')]
      .filter((el) => el.offsetParent !== null)
      .flatMap((el) => ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? ''));
    return `${document.body.innerText}\n${extra.join('\n')}`;
  });
}

/** The words of the other language a page shows, with the line they were seen in. */
async function leaks(page: Page, language: Language): Promise<string[]> {
  const foreign = foreignWords(language);
  const found: string[] = [];
  for (const line of (await visibleText(page)).split('\n')) {
    for (const w of words(line)) if (foreign.has(w)) found.push(`"${w}" in "${line.trim().slice(0, 120)}"`);
  }
  return found;
}

async function settle(page: Page, language: Language): Promise<void> {
  await page.waitForLoadState('networkidle');
  const loading = language === 'es' ? es.common.loading : en.common.loading;
  await expect.poll(async () => (await visibleText(page)).includes(loading)).toBe(false);
}

beforeAll(async () => {
  e2e = await startE2eApp();
  server = e2e.server;
  const context = await e2e.browser.newContext();
  await setUpOwnerByApi(context.request, server.url, {
    workspaceName: 'Zapatería Luna',
    name: 'Carmen',
    email: 'carmen@example.com',
  });
  ownerSession = await context.storageState();
  // A customer writes, so the inbox has a conversation to open (names and text of neither dictionary).
  const sandbox = await sandboxOf(context.request, server.url);
  const sent = await fetch(customerMessagesUrl(sandbox, '5215522220001'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Lucía Gómez', text: 'Hola 👋' }),
  });
  expect(sent.status).toBeLessThan(300);
  await vi.waitFor(
    async () => {
      const list = await context.request.get(`${server.url}/api/conversations`);
      const items = ((await list.json()) as { items: { id: string }[] }).items;
      if (items.length !== 1) throw new Error(`${items.length} conversations yet`);
      conversationId = items[0]?.id ?? '';
    },
    { timeout: 15_000, interval: 200 },
  );
  await context.close();
}, 180_000);

afterAll(() => e2e?.close());

async function ownerIn(
  language: Language,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({
    viewport,
    locale: language === 'es' ? 'es-MX' : 'en-US',
    storageState: ownerSession,
  });
  expect((await context.request.patch(`${server.url}/api/me`, { data: { locale: language } })).status()).toBe(
    200,
  );
  return { context, page: await context.newPage() };
}

const settingsTabs = [
  'channels',
  'members',
  'teams',
  'labels',
  'canned',
  'attributes',
  'account',
  'workspace',
  'api-keys',
  'webhooks',
  'integrations',
  'activity',
] as const;

describe('settings tabs fit the screen', () => {
  for (const language of ['es', 'en'] as const) {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      it(`shows every tab whole at ${viewport.width}x${viewport.height} in ${language}`, async () => {
        const { context, page } = await ownerIn(language, viewport);
        await page.goto(`${server.url}/settings/channels`);
        await page.locator('[data-testid="channel-card"]').first().waitFor();
        for (const tab of settingsTabs) {
          const link = page.locator(`[data-testid="settings-${tab}"]`);
          await link.waitFor();
          const box = await link.boundingBox();
          if (!box) throw new Error(`the ${tab} tab has no box`);
          // Inside the window, not clipped by the tab bar: no tab is hidden off to the side.
          expect(box.x, `${tab} starts inside the window`).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, `${tab} ends inside the window`).toBeLessThanOrEqual(viewport.width);
          const bar = await page.locator('[data-testid="settings-tabs"]').boundingBox();
          if (!bar) throw new Error('no tab bar');
          expect(box.x + box.width, `${tab} ends inside the tab bar`).toBeLessThanOrEqual(
            bar.x + bar.width + 0.5,
          );
          expect(box.y + box.height, `${tab} inside the tab bar`).toBeLessThanOrEqual(
            bar.y + bar.height + 0.5,
          );
        }
        // The sandbox card names the number once: its badge is not its name again ("Sandbox Sandbox").
        const card = (await page.locator('[data-testid="channel-card"]').first().innerText()).replace(
          /\s+/g,
          ' ',
        );
        expect(card).not.toMatch(/\b(\p{L}+) \1\b/iu);
        await page.screenshot({
          path: join(screenshotsDir, `95-settings-tabs-${viewport.width}-${language}.png`),
          fullPage: true,
        });
        await context.close();
      });
    }
  }
});

describe('each page speaks one language', () => {
  for (const language of ['es', 'en'] as const) {
    it(`shows no ${language === 'es' ? 'English' : 'Spanish'} words on the main pages in ${language}`, async () => {
      const { context, page } = await ownerIn(language);
      const found: string[] = [];
      const pages = [
        '/inbox',
        `/inbox/${conversationId}`,
        '/contacts',
        '/templates',
        '/templates/new',
        '/broadcasts',
        '/broadcasts/new',
        ...settingsTabs.map((tab) => `/settings/${tab}`),
      ];
      for (const path of pages) {
        await page.goto(`${server.url}${path}`);
        await page.locator('main').first().waitFor();
        await settle(page, language);
        found.push(...(await leaks(page, language)).map((leak) => `${path}: ${leak}`));
      }
      expect(found).toEqual([]);
      await context.close();
    });
  }
});
