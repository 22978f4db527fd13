import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { freePort } from '../../server/test/harness/free-port';
import { seedDataDir } from '../../server/test/harness/migrated-copies';
import { kill9, startServerProcess } from '../../server/test/harness/server-process';
import { launchChromium } from './browser';

export const screenshotsDir = fileURLToPath(new URL('./screenshots/', import.meta.url));

export interface E2eApp {
  server: Awaited<ReturnType<typeof startServerProcess>>;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * What every end-to-end file needs: the production web build, Charla as a real process with
 * its simulator on free loopback ports and a throwaway data dir, and Debian's Chromium.
 */
export async function startE2eApp(
  opts: {
    chromiumArgs?: string[];
    /** More settings for Charla, e.g. `SMTP_URL`. */
    env?: Record<string, string>;
  } = {},
): Promise<E2eApp> {
  mkdirSync(screenshotsDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'charla-e2e-'));
  seedDataDir(dataDir);
  const [port, simulatorPort] = [await freePort(), await freePort()];
  const server = await startServerProcess(
    {
      DATA_DIR: dataDir,
      SIMULATOR_PORT: String(simulatorPort),
      LOG_LEVEL: 'warn',
      SECRET_KEY: 'ef'.repeat(32),
      ...opts.env,
    },
    port,
  );
  let browser: Browser;
  try {
    browser = await launchChromium(opts.chromiumArgs);
  } catch (err) {
    // No Chromium: do not leave the Charla process running behind the failed test.
    await kill9(server.child);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await kill9(server.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
