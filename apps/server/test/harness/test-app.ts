import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhookBody } from '@charla/cloud-api';
import { createSimulator } from '@charla/simulator';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { type Container, type ContainerOptions, createContainer } from '../../src/container';
import { ingestPendingWebhooks } from '../../src/modules/channels';
import { createManualClock } from '../../src/platform/clock';
import { withCharlaRequestHeader } from './charla-request-header';
import { createTestDatabase } from './test-db';

const silent = {
  info() {},
  // A shutdown step that hangs is named (container.ts), so a teardown timeout says where.
  warn(obj: object | string, msg?: string) {
    if (msg?.startsWith('still closing')) console.error(`[test-app] ${msg}`, obj);
  },
  error(obj: object | string, msg?: string) {
    if (msg?.startsWith('gave up closing') || process.env.DEBUG_TEST_APP)
      console.error(`[test-app] ${msg}`, obj);
  },
};

/**
 * Closes the HTTP server: requests in flight may finish, but a connection still busy after 3 s
 * (a client that never read its answer to the end, a keep-alive socket caught mid-request) is cut,
 * so a test file's teardown cannot hang on it.
 */
async function closeServer(app: FastifyInstance) {
  const cut = setTimeout(() => app.server.closeAllConnections(), 3_000);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}

/** A teardown step that hangs says so, so a hook timeout names it. */
async function named(what: string, close: () => Promise<unknown>) {
  const slow = setTimeout(() => console.error(`[test-app] still closing: ${what}`), 10_000);
  try {
    await close();
  } finally {
    clearTimeout(slow);
  }
}

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  clock: ReturnType<typeof createManualClock>;
  simulator: ReturnType<typeof createSimulator>;
  simulatorUrl: string;
  baseUrl: string;
  /** Session cookie of the owner created at start. */
  cookie: string;
  sandbox: { id: string; phoneNumberId: string; appSecret: string; wabaId: string };
  /** Signs like Meta does with the sandbox number's app secret. */
  sign(body: string): string;
  postWebhook(body: string, signature?: string | null): Promise<{ statusCode: number; body: string }>;
  waitFor<T>(
    fn: () => Promise<T | undefined | null | false>,
    what: string,
    timeoutMs?: number,
    intervalMs?: number,
  ): Promise<T>;
  close(): Promise<void>;
}

/**
 * A real Charla: database, queue, workers, HTTP on a loopback port, and the simulator on
 * another, talking to each other over HTTP exactly as in production. The clock is manual so
 * tests move time instead of waiting for it.
 */
export async function createTestApp(
  opts: {
    simulator?: Parameters<typeof createSimulator>[0];
    /** Extra settings (as environment strings); a function sees where the simulator listens. */
    config?: Record<string, string> | ((ctx: { simulatorUrl: string }) => Record<string, string>);
    /** Replaces fetch for the sending gateway's Graph calls (e.g. to lose an answer). */
    graphFetch?: typeof fetch;
    /** Replaces the Graph client that downloads customers' files (e.g. to count or fail downloads). */
    mediaSourceFor?: ContainerOptions['mediaSourceFor'];
    /** Where files go instead of DATA_DIR/media (a store that fails as a full disk does). */
    mediaStorage?: ContainerOptions['mediaStorage'];
    /** More fields for the first-run setup (e.g. `timezone`). */
    setup?: Record<string, unknown>;
  } = {},
): Promise<TestApp> {
  const clock = createManualClock(new Date());
  const simulator = createSimulator({
    statusDelaysMs: { sent: 10, delivered: 20 },
    webhookRetryDelaysMs: [50, 200, 500],
    ...opts.simulator,
  });
  const simulatorUrl = await simulator.listen({ host: '127.0.0.1', port: 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'charla-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    SECRET_KEY: 'ab'.repeat(32),
    LOG_LEVEL: 'silent',
    ...(typeof opts.config === 'function' ? opts.config({ simulatorUrl }) : opts.config),
  });
  const database = await createTestDatabase();
  let webhookUrl = '';
  const container = await createContainer(config, {
    logger: silent,
    simulatorUrl,
    database,
    clock,
    ...(opts.graphFetch && { graphFetch: opts.graphFetch }),
    ...(opts.mediaSourceFor && { mediaSourceFor: opts.mediaSourceFor }),
    ...(opts.mediaStorage && { mediaStorage: opts.mediaStorage }),
    get webhookUrl() {
      return webhookUrl;
    },
  });
  const app = await buildApp(container);
  // Requests carry the web app's CSRF header unless a test names it (charla-request-header.ts).
  const inject = app.inject.bind(app) as (opts?: unknown) => unknown;
  app.inject = ((opts?: unknown) =>
    opts === undefined ? inject() : inject(withCharlaRequestHeader(opts))) as typeof app.inject;
  await container.startWorkers();
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  webhookUrl = `${baseUrl}/webhooks/whatsapp`;

  const setup = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: {
      workspaceName: 'Tienda Luna',
      name: 'Ana Owner',
      email: 'ana@example.com',
      password: 'correct horse battery',
      ...opts.setup,
    },
  });
  if (setup.statusCode !== 200) throw new Error(`setup failed: ${setup.body}`);
  const cookie = String(setup.headers['set-cookie']).split(';')[0]!;
  const [channel] = (await container.directory.all()).filter((c) => c.kind === 'sandbox');
  if (!channel) throw new Error('no sandbox channel after setup');

  const waitFor: TestApp['waitFor'] = async (fn, what, timeoutMs = 10_000, intervalMs = 25) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await fn();
      if (value) return value as never;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  };

  return {
    app,
    container,
    clock,
    simulator,
    simulatorUrl,
    baseUrl,
    cookie,
    sandbox: {
      id: channel.id,
      phoneNumberId: channel.phoneNumberId,
      appSecret: channel.appSecret,
      wabaId: channel.wabaId,
    },
    sign: (body) => signWebhookBody(body, channel.appSecret),
    async postWebhook(body, signature) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const sig = signature === undefined ? signWebhookBody(body, channel.appSecret) : signature;
      if (sig !== null) headers['x-hub-signature-256'] = sig;
      const res = await fetch(webhookUrl, { method: 'POST', headers, body });
      return { statusCode: res.status, body: await res.text() };
    },
    waitFor,
    async close() {
      await named('the HTTP server', () => closeServer(app));
      await container.close();
      await named('the simulator', () => simulator.close());
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Applies the pending webhooks by hand (after `ingestWorker.stop()`), with `onStatuses` run
 * inside the batch's transaction: race tests step in there on another connection.
 */
export function ingestByHand(
  t: TestApp,
  onStatuses: NonNullable<Parameters<typeof ingestPendingWebhooks>[0]['onStatuses']>,
): Promise<number> {
  const { db, clock, secrets, directory } = t.container;
  return ingestPendingWebhooks({
    db,
    clock,
    secrets,
    directory,
    notify: async () => {},
    log: { error: () => {}, warn: () => {} },
    onStatuses,
  });
}
