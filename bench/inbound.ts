/**
 * Inbound against the machine's ceilings, measured in the same run: Charla as its own process on
 * PostgreSQL (as a user runs it), signed `messages` webhooks at `--connections` keep-alive
 * connections, one message per POST or Meta's batches (`--per-post 10`).
 *
 *   npx tsx bench/inbound.ts [--n 20000] [--connections 50] [--per-post 1] [--warmup 2000] [--profile DIR]
 *
 * Beside Charla's figure, the same client posting the same signed bodies to a bare Fastify
 * endpoint that only checks the signature and parses the JSON (bench/ceiling-server.mjs: the HTTP
 * ceiling), and the same PostgreSQL storing as many rows as wide as a message with multi-row
 * INSERTs (bench/write-ceiling.ts: the write ceiling). One JSON line on stdout; progress on stderr.
 * Exits 1 when a POST was refused or a message never stored.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signWebhookBody } from '@charla/cloud-api';
import pg from 'pg';
import { charlaProcessEnv, NUMBER, signUpOwner } from './broadcast-setup';
import { postAll } from './post-load';
import { cpuMeter, createPgDatabase, freePort, startCharlaProcess } from './start-charla';
import { positiveInt, round, sleep } from './util';
import { measureWriteCeiling } from './write-ceiling';

const log = (msg: string) => process.stderr.write(`[bench:inbound] ${msg}\n`);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      n: { type: 'string' },
      connections: { type: 'string' },
      'per-post': { type: 'string' },
      warmup: { type: 'string' },
      profile: { type: 'string' },
    },
    strict: true,
  });
  const perPost = positiveInt('per-post', values['per-post'], 1);
  return {
    /** Messages in the timed run (a multiple of --per-post). */
    n: Math.ceil(positiveInt('n', values.n, 20_000) / perPost) * perPost,
    connections: positiveInt('connections', values.connections, 50),
    perPost,
    warmup: values.warmup === '0' ? 0 : positiveInt('warmup', values.warmup, 2_000),
    /** A directory for Charla's CPU profile (node --cpu-prof), written when it stops. */
    profile: values.profile ?? null,
  };
}

/** `perPost` customers' texts in one webhook, one change each, as Meta batches under load (§5.2). */
function webhookBody(first: number, perPost: number, run: string, ts: string): string {
  const changes = Array.from({ length: perPost }, (_, k) => {
    const i = first + k;
    const waId = String(34_600_000_000 + (i % 2_000));
    return {
      field: 'messages',
      value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: NUMBER.displayPhoneNumber, phone_number_id: NUMBER.phoneNumberId },
        contacts: [{ profile: { name: `Cliente ${i % 2_000}` }, wa_id: waId }],
        messages: [
          {
            from: waId,
            id: `wamid.${Buffer.from(`inbound.${run}.${i}`).toString('base64url')}`,
            timestamp: ts,
            type: 'text',
            text: { body: `Hola, ¿tenéis la talla M del pedido ${i}? ¿Llega antes del viernes?` },
          },
        ],
      },
    };
  });
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: NUMBER.wabaId, changes }] });
}

function signedBodies(count: number, perPost: number, run: string) {
  const ts = String(Math.floor(Date.now() / 1000));
  const bodies: Buffer[] = [];
  const signatures: string[] = [];
  for (let first = 0; first < count; first += perPost) {
    const body = Buffer.from(webhookBody(first, perPost, run, ts));
    bodies.push(body);
    signatures.push(signWebhookBody(body, NUMBER.appSecret));
  }
  return { bodies, signatures };
}

async function startCeilingServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bench/ceiling-server.mjs', String(port), NUMBER.appSecret], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the ceiling server exited (${code})`)));
  });
  return child;
}

async function main() {
  const opts = parseOptions();
  const dataDir = mkdtempSync(join(tmpdir(), 'charla-bench-'));
  const cleanups: (() => Promise<unknown>)[] = [
    async () => rmSync(dataDir, { recursive: true, force: true }),
  ];
  let exitCode = 0;
  try {
    const timed = signedBodies(opts.n, opts.perPost, randomBytes(4).toString('hex'));
    const warm = signedBodies(opts.warmup, opts.perPost, randomBytes(4).toString('hex'));
    const post = (port: number, set: typeof timed) =>
      postAll({ port, path: '/webhooks/whatsapp', ...set, connections: opts.connections });

    // The HTTP ceiling first, while nothing else runs.
    const ceilingPort = await freePort();
    const ceilingServer = await startCeilingServer(ceilingPort);
    cleanups.push(async () => ceilingServer.kill('SIGKILL'));
    if (opts.warmup > 0) await post(ceilingPort, warm);
    const bare = await post(ceilingPort, timed);
    ceilingServer.kill('SIGTERM');
    const httpCeiling = (timed.bodies.length / bare.seconds) * opts.perPost;
    log(`HTTP ceiling: ${round(httpCeiling)} msg/s (${round(timed.bodies.length / bare.seconds)} POSTs/s)`);

    const database = await createPgDatabase();
    cleanups.push(database.drop);
    const port = await freePort();
    const charla = await startCharlaProcess(
      charlaProcessEnv({ dataDir, databaseUrl: database.url, simulatorUrl: 'http://127.0.0.1:9' }),
      port,
      opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`] : [],
    );
    cleanups.push(() => charla.stop());
    await signUpOwner(charla.url);
    const counter = new pg.Client({ connectionString: database.url });
    await counter.connect();
    cleanups.push(() => counter.end());
    const stored = async () =>
      Number((await counter.query<{ n: string }>('SELECT count(*) AS n FROM messages')).rows[0]?.n ?? 0);
    const untilStored = async (total: number, deadlineMs: number) => {
      for (const deadline = Date.now() + deadlineMs; Date.now() < deadline; await sleep(20))
        if ((await stored()) >= total) return performance.now();
      throw new Error(`only ${await stored()} of ${total} messages stored within ${deadlineMs / 1000} s`);
    };
    if (opts.warmup > 0) {
      await post(port, warm);
      await untilStored(opts.warmup, 120_000);
      log(`Charla warmed up with ${opts.warmup} messages`);
    }
    const cpu = cpuMeter({ charlaPid: charla.child.pid, pg: { client: counter, database: database.name } });
    const cpuBefore = await cpu();
    const started = performance.now();
    const charlaRun = await post(port, timed);
    const storedAt = await untilStored(opts.warmup + opts.n, 300_000);
    const cpuAfter = await cpu();
    const seconds = (storedAt - started) / 1000;
    const perSecond = opts.n / seconds;
    log(`Charla: ${round(perSecond)} msg/s stored, POSTs answered in ${round(charlaRun.seconds, 2)} s`);

    const sample = JSON.parse(webhookBody(0, 1, 'x', '0')).entry[0].changes[0].value;
    const write = await measureWriteCeiling({
      databaseUrl: database.url,
      rows: opts.n,
      text: sample.messages[0].text.body,
      raw: JSON.stringify(sample),
    });
    log(`write ceiling: ${write.rows_per_s} rows/s`);

    // The issue's targets: 0.6 of the HTTP ceiling one message a POST; 20,000 msg/s in Meta's batches.
    const ofCeiling = perSecond / httpCeiling;
    const target = opts.perPost === 1 ? { of_http_ceiling: 0.6 } : { messages_per_s: 20_000 };
    const targetMet = opts.perPost === 1 ? ofCeiling >= 0.6 : perSecond >= 20_000;
    const result = {
      bench: 'inbound',
      db: 'postgres',
      n: opts.n,
      per_post: opts.perPost,
      connections: opts.connections,
      messages_per_s: round(perSecond),
      seconds: round(seconds, 2),
      ack_p50_ms: charlaRun.latency.p50,
      ack_p99_ms: charlaRun.latency.p99,
      http_ceiling_messages_per_s: round(httpCeiling),
      http_ceiling_ack_p50_ms: bare.latency.p50,
      of_http_ceiling: round(ofCeiling, 2),
      write_ceiling_rows_per_s: write.rows_per_s,
      of_write_ceiling: round(perSecond / write.rows_per_s, 2),
      target,
      target_met: targetMet,
      cpu_s: {
        charla: round(cpuAfter.charla - cpuBefore.charla),
        postgres: round(cpuAfter.postgres - cpuBefore.postgres),
        client: round(cpuAfter.bench - cpuBefore.bench),
      },
      non_200: charlaRun.non200 + bare.non200,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.non_200 > 0) {
      log(`refused POSTs: ${[...charlaRun.failures, ...bare.failures].join(' | ')}`);
      exitCode = 1;
    }
  } catch (err) {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    exitCode = 1;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => log(`cleanup: ${err}`));
  }
  process.exit(exitCode);
}

void main();
