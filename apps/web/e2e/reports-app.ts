import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { freePort } from '../../server/test/harness/free-port';
import { seedDataDir } from '../../server/test/harness/migrated-copies';
import { kill9, startServerProcess } from '../../server/test/harness/server-process';
import { launchChromium } from './browser';
import { screenshotsDir } from './e2e-app';

/**
 * What the reports' end-to-end files share: the web build, Charla as its own process on a data
 * dir that outlives a restart (history is written into its database while it is stopped), Debian's
 * Chromium, browsers in Mexico City's zone, and full-height screenshots. Call at the top of a file:
 * it registers its own beforeAll and afterAll.
 */
export function reportsApp(name: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `charla-e2e-${name}-`));
  let env: Record<string, string>;
  let port: number;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true });
    seedDataDir(dataDir);
    port = await freePort();
    env = {
      DATA_DIR: dataDir,
      SIMULATOR_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      SECRET_KEY: 'ef'.repeat(32),
    };
    server = await startServerProcess(env, port);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (server) await kill9(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const newContext = (locale: string): Promise<BrowserContext> =>
    browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale,
      timezoneId: 'America/Mexico_City',
    });

  return {
    dataDir,
    get url() {
      return server.url;
    },
    /** Stops Charla the way an operator would (SIGTERM), so its database is closed cleanly. */
    async stop(): Promise<void> {
      const { child } = server;
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
    /** Starts it again on the same address and data. */
    async start(): Promise<void> {
      server = await startServerProcess(env, port);
    },
    newContext,
    /** An agent invited by the owner joins (through the API): their browser context and user id. */
    async agentJoins(owner: BrowserContext, name: string, email: string) {
      const invitation = await owner.request.post(`${server.url}/api/invitations`, {
        data: { email, role: 'agent' },
      });
      const token = ((await invitation.json()) as { url: string }).url.split('/invite/')[1] ?? '';
      const context = await newContext('es-MX');
      const accepted = await context.request.post(
        `${server.url}/api/invitations/${encodeURIComponent(token)}/accept`,
        { data: { name, password: 'otra contraseña larga', locale: 'es' } },
      );
      expect(accepted.status()).toBe(200);
      return { context, id: ((await accepted.json()) as { user: { id: string } }).user.id };
    },
    /** The whole report at `width` (the window grows to its height, then goes back to 1280×800). */
    async shoot(page: Page, file: string, width: 1280 | 390): Promise<void> {
      const height = width === 1280 ? 800 : 844;
      // No tooltip of a chart left under the pointer.
      await page.mouse.move(0, 0);
      // A table scrolled sideways (to show a tooltip) starts from its first column again.
      await page.evaluate(() => {
        for (const box of document.querySelectorAll<HTMLElement>('.overflow-x-auto')) box.scrollLeft = 0;
      });
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      // The page scrolls inside the app's frame, which a full-page capture does not follow.
      const inner = await page.evaluate(() => {
        const section = document.querySelector<HTMLElement>('[data-testid="reports-page"]');
        return section ? section.scrollHeight - section.clientHeight : 0;
      });
      await page.setViewportSize({ width, height: height + inner });
      // Recharts measures its box after a resize.
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(screenshotsDir, `${file}-${width}.png`) });
      await page.setViewportSize({ width: 1280, height: 800 });
    },
  };
}
