/**
 * Inbound throughput, end to end through real HTTP.
 *
 *   npx tsx bench/ingest.ts [--n 20000] [--concurrency 32] [--db pglite|postgres] [--batch 500] [--customers N/10]
 *
 * Starts Charla in this process (fresh data dir, fresh database), connects one Cloud API number,
 * then posts N signed `messages` webhooks (one text each, distinct wamids, spread over N/10
 * customers) at a fixed concurrency to `/webhooks/whatsapp`, and waits until all N rows are in
 * `messages`. Bodies are built and signed before the clock starts. Progress goes to stderr; the
 * result is one JSON line on stdout. Exits 1 if any POST was not answered 200 or the messages
 * never all arrive.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signWebhookBody } from '@charla/cloud-api';
import { createIngestWorker, type IngestWorker } from '@charla/server/src/modules/channels';
import { saveChannel } from '@charla/server/src/modules/channels/save-channel';
import pg from 'pg';
import { postSigned } from './post-load';
import { createPgDatabase, startCharlaInProcess } from './start-charla';
import { percentile, positiveInt, round } from './util';

const PHONE_NUMBER_ID = '100000000000001';
const DISPLAY_PHONE_NUMBER = '15550000001';
const WABA_ID = '200000000000001';
const APP_SECRET = 'bench-app-secret-0123456789abcdef';
const POLL_MS = 50;
/** Give up when neither a POST has been answered nor a message stored for this long. */
const STALL_MS = 30_000;
/** A cleanup step that takes longer than this is abandoned (a stuck database must not hang the run). */
const CLEANUP_STEP_MS = 10_000;

const log = (msg: string) => process.stderr.write(`[bench:ingest] ${msg}\n`);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      n: { type: 'string' },
      concurrency: { type: 'string' },
      db: { type: 'string' },
      batch: { type: 'string' },
      customers: { type: 'string' },
    },
    strict: true,
  });
  const n = positiveInt('n', values.n, 20_000);
  const db = values.db ?? 'pglite';
  if (db !== 'pglite' && db !== 'postgres') throw new Error(`--db must be pglite or postgres, got ${db}`);
  return {
    n,
    concurrency: positiveInt('concurrency', values.concurrency, 32),
    db: db as 'pglite' | 'postgres',
    batch: values.batch === undefined ? null : positiveInt('batch', values.batch, 500),
    customers: positiveInt('customers', values.customers, Math.max(1, Math.ceil(n / 10))),
  };
}

/** One Cloud API `messages` webhook with one customer text (reference §5.3). */
function inboundText(i: number, customer: number, runId: string, ts: string): string {
  const waId = String(12_000_000_000 + customer);
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: `Customer ${customer}` }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: `wamid.${Buffer.from(`bench.${runId}.${i}`).toString('base64url')}`,
                  timestamp: ts,
                  type: 'text',
                  text: {
                    body: `Hola, message ${i} from customer ${customer}. Does it come in another color?`,
                  },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

async function main() {
  const opts = parseOptions();
  const runId = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'charla-bench-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log(`cleanup step did not finish in ${CLEANUP_STEP_MS / 1000} s; skipped`);
          resolve();
        }, CLEANUP_STEP_MS);
      });
      await Promise.race([fn().catch((err) => log(`cleanup failed: ${(err as Error).message}`)), timeout]);
      clearTimeout(timer);
    }
  };
  let diagnoseQuery: DiagnoseQuery | null = null;

  let exitCode = 0;
  try {
    let databaseUrl: string | undefined;
    if (opts.db === 'postgres') {
      const created = await createPgDatabase();
      cleanups.push(created.drop);
      databaseUrl = created.url;
      log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
    }

    const logger = {
      info() {},
      warn(obj: object | string, msg?: string) {
        log(
          `server warn: ${msg ?? ''} ${typeof obj === 'string' ? obj : JSON.stringify(obj, errorReplacer)}`,
        );
      },
      error(obj: object | string, msg?: string) {
        log(
          `server error: ${msg ?? ''} ${typeof obj === 'string' ? obj : JSON.stringify(obj, errorReplacer)}`,
        );
      },
    };
    // The container builds its worker with the default batch size; to try another, run our own
    // worker (same factory, same dependencies) in its place and park the built-in one.
    const swap: { builtIn?: IngestWorker; bench?: IngestWorker } = {};
    const charla = await startCharlaInProcess({
      dataDir,
      databaseUrl,
      logger,
      workers: true,
      beforeApp(container) {
        if (opts.batch === null) return;
        swap.builtIn = container.ingestWorker;
        swap.bench = createIngestWorker(
          {
            db: container.db,
            clock: container.clock,
            secrets: container.secrets,
            directory: container.directory,
            notify: container.inbox.notify,
            log: { error: (o, m) => logger.error(o, m), warn: (o, m) => logger.warn(o, m) },
          },
          { batchSize: opts.batch },
        );
        container.ingestWorker = swap.bench;
      },
    });
    cleanups.push(charla.close);
    const { container, address } = charla;
    if (swap.bench && swap.builtIn) {
      await swap.builtIn.stop();
      const w = swap.bench;
      w.start();
      cleanups.push(() => w.stop());
    }
    const { port } = new URL(address);

    const [workspace] = await container.db.query<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('Bench') RETURNING id`,
    );
    if (!workspace) throw new Error('could not create the workspace');
    await saveChannel(
      { db: container.db, clock: container.clock, secrets: container.secrets },
      {
        workspaceId: workspace.id,
        kind: 'cloud',
        name: 'Bench',
        phoneNumberId: PHONE_NUMBER_ID,
        displayPhoneNumber: DISPLAY_PHONE_NUMBER,
        wabaId: WABA_ID,
        graphBaseUrl: 'http://127.0.0.1:9',
        graphVersion: 'v26.0',
        accessToken: 'x'.repeat(40),
        appSecret: APP_SECRET,
        verifyToken: 'bench-verify',
      },
    );
    container.directory.invalidate();

    // Counting: through the server's own handle on PGlite (one process owns it), through a
    // separate connection on PostgreSQL so the count does not borrow from the server's pool.
    let countMessages: () => Promise<number>;
    if (databaseUrl) {
      const counter = new pg.Client({ connectionString: databaseUrl });
      await counter.connect();
      cleanups.push(() => counter.end());
      countMessages = async () =>
        Number((await counter.query<{ n: string }>('SELECT count(*) AS n FROM messages')).rows[0]?.n ?? 0);
      diagnoseQuery = async (text) => (await counter.query(text)).rows;
    } else {
      diagnoseQuery = (text) => container.db.query(text);
      countMessages = async () =>
        Number(
          (await container.db.query<{ n: string | number }>('SELECT count(*) AS n FROM messages'))[0]?.n ?? 0,
        );
    }
    const baseline = await countMessages();

    log(
      `building ${opts.n} signed bodies over ${opts.customers} customers (db=${opts.db}, concurrency=${opts.concurrency}, batch=${opts.batch ?? 'default'})`,
    );
    const ts = String(Math.floor(Date.now() / 1000));
    const bodies: Buffer[] = new Array(opts.n);
    const signatures: string[] = new Array(opts.n);
    for (let i = 0; i < opts.n; i++) {
      const body = Buffer.from(inboundText(i, i % opts.customers, runId, ts));
      bodies[i] = body;
      signatures[i] = signWebhookBody(body, APP_SECRET);
    }

    const failureSamples: string[] = [];
    const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
    cleanups.push(async () => agent.destroy());
    const post = (i: number) =>
      postSigned(
        { agent, port: Number(port), path: '/webhooks/whatsapp' },
        bodies[i]!,
        signatures[i]!,
        failureSamples,
      );

    // Warm up the route and the directory cache with a GET that does not store anything.
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${address}/health`, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });

    const latencies = new Float64Array(opts.n);
    let next = 0;
    let accepted = 0;
    let non200 = 0;
    let peakRss = 0;

    const started = performance.now();
    let lastProgressAt = started;
    let acceptedAt = 0;
    const clients = Array.from({ length: Math.min(opts.concurrency, opts.n) }, async () => {
      while (next < opts.n) {
        const i = next++;
        const t0 = performance.now();
        const status = await post(i);
        lastProgressAt = performance.now();
        latencies[i] = lastProgressAt - t0;
        if (status === 200) accepted++;
        else non200++;
      }
    });
    const posting = Promise.all(clients).then(() => {
      acceptedAt = performance.now();
    });

    let stored = 0;
    let storedAt = 0;
    let lastReportAt = started;
    let done = false;
    let postingDone = false;
    void posting.then(() => {
      postingDone = true;
      log(
        `all ${opts.n} POSTs answered in ${((acceptedAt - started) / 1000).toFixed(2)} s (${non200} non-200); waiting for ingestion`,
      );
    });
    // The watchdog fires even when the database stops answering (then the count never returns).
    let countingSince: number | null = null;
    let watchdog: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      watchdog = setInterval(() => {
        if (performance.now() - lastProgressAt <= STALL_MS) return;
        const waiting = countingSince === null ? 0 : (performance.now() - countingSince) / 1000;
        reject(
          new StallError(
            `no POST answered and no message stored for ${STALL_MS / 1000} s: ` +
              `posted=${accepted + non200}/${opts.n} stored=${stored}` +
              (waiting > 1
                ? `; the database has not answered SELECT count(*) FROM messages for ${waiting.toFixed(0)} s`
                : ''),
          ),
        );
      }, 1000);
    });
    stalled.catch(() => {});
    cleanups.push(async () => clearInterval(watchdog));
    while (!done) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const rss = process.memoryUsage().rss;
      if (rss > peakRss) peakRss = rss;
      const now = performance.now();
      countingSince = now;
      const count = (await Promise.race([countMessages(), stalled])) - baseline;
      countingSince = null;
      const t = performance.now();
      if (count > stored) {
        stored = count;
        lastProgressAt = t;
      }
      const target = postingDone ? accepted : opts.n;
      if (stored >= target && (postingDone || stored >= opts.n)) {
        storedAt = t;
        done = true;
      }
      if (now - lastReportAt >= 1000 || done) {
        lastReportAt = now;
        const s = (t - started) / 1000;
        log(
          `t=${s.toFixed(1)}s posted=${accepted + non200}/${opts.n} stored=${stored} (${(stored / s).toFixed(0)} msg/s) rss=${(rss / 2 ** 20).toFixed(0)} MB`,
        );
      }
    }
    clearInterval(watchdog);
    await posting;

    const sorted = Array.from(latencies).sort((a, b) => a - b);
    const acceptSeconds = (acceptedAt - started) / 1000;
    const seconds = (storedAt - started) / 1000;
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    const result = {
      bench: 'ingest',
      db: opts.db,
      n: opts.n,
      concurrency: opts.concurrency,
      batch: opts.batch ?? 'default',
      customers: opts.customers,
      accept_per_s: round(opts.n / acceptSeconds),
      stored_per_s: round(stored / seconds),
      post_p50_ms: round(percentile(sorted, 50), 2),
      post_p95_ms: round(percentile(sorted, 95), 2),
      post_p99_ms: round(percentile(sorted, 99), 2),
      post_max_ms: round(sorted.at(-1) ?? 0, 2),
      // Process high-water mark (kernel maxrss; client, server and PGlite share this process)
      // and the highest RSS sampled while the timed run was going.
      peak_rss_mb: round(Math.max(peakRss, maxRssBytes) / 2 ** 20),
      run_rss_peak_mb: round(peakRss / 2 ** 20),
      accept_seconds: round(acceptSeconds, 3),
      seconds: round(seconds, 3),
      non_200: non200,
      stored,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (non200 > 0) {
      log(`${non200} POSTs were not answered 200; first ones:\n  ${failureSamples.join('\n  ')}`);
      exitCode = 1;
    }
  } catch (err) {
    if (err instanceof StallError) {
      log(`failed: ${err.message}`);
      if (diagnoseQuery) log(await diagnose(diagnoseQuery));
    } else log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    exitCode = 1;
  } finally {
    await cleanup();
  }
  process.exit(exitCode);
}

class StallError extends Error {
  constructor(message: string) {
    super(`ingestion stalled: ${message}`);
    this.name = 'StallError';
  }
}

type DiagnoseQuery = (text: string) => Promise<Record<string, unknown>[]>;

/** What webhook_events says when the messages never arrive; gives up if the database does not answer. */
async function diagnose(query: DiagnoseQuery): Promise<string> {
  const work = (async () => {
    const byStatus = await query('SELECT status, count(*)::int AS n FROM webhook_events GROUP BY status');
    const errors = await query(
      `SELECT error, count(*)::int AS n FROM webhook_events WHERE error IS NOT NULL GROUP BY error ORDER BY 2 DESC LIMIT 5`,
    );
    return `webhook_events by status: ${JSON.stringify(byStatus)}; errors: ${JSON.stringify(errors)}`;
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve('(the database did not answer a query on webhook_events within 5 s)'),
      5000,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (err) {
    return `(could not read webhook_events: ${(err as Error).message})`;
  } finally {
    clearTimeout(timer);
  }
}

function errorReplacer(_key: string, value: unknown) {
  return value instanceof Error ? { message: value.message, stack: value.stack } : value;
}

void main();
