/**
 * The public API's send endpoint under sustained load: `POST /api/v1/messages` with an API key,
 * the simulator playing Meta, timed as the client sees each 202 and where Meta accepts the sends.
 *
 *   npx tsx bench/api.ts [--n 20000] [--concurrency 32] [--to existing|new] [--customers 1000]
 *     [--type text|template] [--idempotency] [--warmup 1000] [--rate 1000] [--db postgres|pglite]
 *     [--wait 120] [--profile DIR]
 *
 * Starts the simulator in this process, playing Meta for one number (HIGH throughput, `mps` = the
 * rate, no per-recipient limit), and Charla on a fresh database: its own OS process on PostgreSQL
 * (`main.ts`, so the client's CPU is not counted against the server), in this process on PGlite.
 * Charla runs with `API_RATE_LIMIT_PER_MINUTE` at 1,000,000 so the per-key limit never answers
 * 429. The owner signs up, sets the number's rate and makes a key with `messages:write`
 * (POST /api/api-keys). With `--to existing`, `--customers` customers write first through the
 * simulator (signed webhooks, as Meta sends them), which opens their 24-hour window; with
 * `--to new`, every message goes to a phone number Charla has never seen (a template: a
 * free-form message needs an open window), so each request also adds a contact and opens a
 * conversation.
 *
 * Every message carries a unique tag (in the text, or in the template's variable), which matches
 * it to its send in the simulator's log. All bodies are built before the clock starts. A warm-up
 * of `--warmup` messages goes first, untimed, and the bench waits until Meta accepted them, so
 * the timed part starts with an empty outbox. Then `--n` POSTs at a fixed `--concurrency` over a
 * keep-alive agent; the bench waits until the simulator accepted every send. Progress goes to
 * stderr; the result is one JSON line on stdout, each figure next to its target. Exits 1 when a
 * POST was not answered 202, a send is missing or reached a customer twice; a slow figure is
 * reported, not failed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Simulator } from '@charla/simulator';
import pg from 'pg';
import {
  approvedTemplate,
  type Call,
  channelIdOf,
  charlaProcessEnv,
  NUMBER,
  numberEnv,
  setNumberRate,
  signUpOwner,
  startNumberSimulator,
} from './broadcast-setup';
import { measureLoopbackCost } from './loopback-cost';
import {
  cpuMeter,
  createPgDatabase,
  freePort,
  startCharlaInProcess,
  startCharlaProcess,
} from './start-charla';
import { percentile, positiveInt, round, sleep } from './util';

const log = (msg: string) => process.stderr.write(`[bench:api] ${msg}\n`);

/** The issue's targets. */
const TARGETS = { acceptedPerS: 1_000, p95Ms: 50 };
/** The per-key limit for the run: far above what two cores can send in a minute. */
const RATE_LIMIT_PER_MINUTE = '1000000';
/** A wait that sees nothing change for this long gives up, whatever its limit. */
const STALL_MS = 30_000;
/** The template `approvedTemplate` makes (one named variable, `first_name`). */
const TEMPLATE = { name: 'bench_promo', language: 'es', variable: 'first_name' };

type Query = <R extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;
type Figures = Record<string, number | string | boolean | null | Record<string, number>>;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      n: { type: 'string' },
      concurrency: { type: 'string' },
      to: { type: 'string' },
      customers: { type: 'string' },
      type: { type: 'string' },
      idempotency: { type: 'boolean' },
      warmup: { type: 'string' },
      rate: { type: 'string' },
      db: { type: 'string' },
      wait: { type: 'string' },
      profile: { type: 'string' },
      prepared: { type: 'string' },
    },
    strict: true,
  });
  const db = values.db ?? 'postgres';
  if (db !== 'postgres' && db !== 'pglite') throw new Error(`--db must be postgres or pglite, got ${db}`);
  const to = values.to ?? 'existing';
  if (to !== 'existing' && to !== 'new') throw new Error(`--to must be existing or new, got ${to}`);
  const type = values.type ?? (to === 'new' ? 'template' : 'text');
  if (type !== 'text' && type !== 'template') throw new Error(`--type must be text or template, got ${type}`);
  if (to === 'new' && type === 'text') {
    throw new Error(
      '--to new needs --type template: a new number has no open 24-hour window for free-form text',
    );
  }
  const prepared = values.prepared ?? 'on';
  if (prepared !== 'on' && prepared !== 'off')
    throw new Error(`--prepared must be on or off, got ${prepared}`);
  const rate = positiveInt('rate', values.rate, 1_000);
  if (rate > 1_000) throw new Error(`--rate is 1..1000 (Meta's highest level)`);
  return {
    n: positiveInt('n', values.n, 20_000),
    concurrency: positiveInt('concurrency', values.concurrency, 32),
    to: to as 'existing' | 'new',
    customers: positiveInt('customers', values.customers, 1_000),
    type: type as 'text' | 'template',
    idempotency: values.idempotency ?? false,
    warmup: values.warmup === '0' ? 0 : positiveInt('warmup', values.warmup, 1_000),
    rate,
    db: db as 'postgres' | 'pglite',
    waitMs: positiveInt('wait', values.wait, 120) * 1000,
    /** PostgreSQL only: a directory for Charla's CPU profile (node --cpu-prof), written when it stops. */
    profile: values.profile ?? null,
    /** PostgreSQL only: Charla's DATABASE_PREPARED_STATEMENTS (off: every statement parsed and planned each run). */
    prepared: prepared === 'on',
  };
}
type Options = ReturnType<typeof parseOptions>;

/** One request, built before the clock starts. */
type Prepared = { tag: string; waId: string; payload: Buffer; idempotencyKey: string | null };

async function main() {
  const opts = parseOptions();
  const dataDir = mkdtempSync(join(tmpdir(), 'charla-bench-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  let exitCode = 0;
  let charlaOutput = () => '';
  try {
    const loopback = await measureLoopbackCost();
    log(`loopback round trip: ${loopback.round_trip_cpu_us} µs CPU, ${loopback.round_trip_wall_us} µs wall`);
    const port = await freePort();
    const { simulator, url: simulatorUrl } = await startNumberSimulator({
      mps: opts.rate,
      charlaPort: port,
      pairRateLimit: false,
    });
    cleanups.push(() => simulator.close());

    let baseUrl: string;
    let query: Query;
    let cpu: ReturnType<typeof cpuMeter>;
    let charlaPeakRss: () => number | null = () => null;
    let pgClient: pg.Client | null = null;
    let databaseName = '';
    if (opts.db === 'postgres') {
      const database = await createPgDatabase();
      // CHARLA_BENCH_KEEP_DB=1 leaves the database for a look afterwards (drop it by hand).
      if (!process.env.CHARLA_BENCH_KEEP_DB) cleanups.push(database.drop);
      log(`created database ${database.name}`);
      const charla = await startCharlaProcess(
        {
          ...charlaProcessEnv({ dataDir, databaseUrl: database.url, simulatorUrl }),
          API_RATE_LIMIT_PER_MINUTE: RATE_LIMIT_PER_MINUTE,
          DATABASE_PREPARED_STATEMENTS: String(opts.prepared),
        },
        port,
        opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`] : [],
      );
      cleanups.push(() => charla.stop());
      charlaOutput = charla.output;
      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      cleanups.push(() => db.end());
      pgClient = db;
      databaseName = database.name;
      baseUrl = charla.url;
      query = async (text, params) => (await db.query(text, params)).rows;
      cpu = cpuMeter({ charlaPid: charla.child.pid, pg: { client: db, database: database.name } });
      charlaPeakRss = () => charla.memory().hwm;
      log(`Charla is up (pid ${charla.child.pid}), simulator at ${simulatorUrl}`);
    } else {
      if (opts.profile) throw new Error('--profile needs --db postgres (Charla as its own process)');
      const serverLog = (level: string) => (obj: unknown, msg?: string) =>
        log(`server ${level}: ${msg ?? ''} ${typeof obj === 'string' ? obj : JSON.stringify(obj)}`);
      const charla = await startCharlaInProcess({
        dataDir,
        logger: { info() {}, warn: serverLog('warn'), error: serverLog('error') },
        workers: true,
        port,
        env: { ...numberEnv(simulatorUrl), API_RATE_LIMIT_PER_MINUTE: RATE_LIMIT_PER_MINUTE },
      });
      cleanups.push(charla.close);
      baseUrl = charla.address;
      query = (text, params) => charla.container.db.query(text, params);
      cpu = cpuMeter({});
      log(`Charla is up in this process on PGlite, simulator at ${simulatorUrl}`);
    }

    const { call } = await signUpOwner(baseUrl);
    const channelId = await channelIdOf(call);
    await setNumberRate(call, channelId, opts.rate);
    const apiKey = await makeApiKey(call);
    if (opts.type === 'template') await approvedTemplate(call);

    const runId = randomBytes(3).toString('hex');
    const recipients =
      opts.to === 'existing' ? await openWindows(simulator, query, channelId, opts.customers) : null;
    // Warm-up and timed messages never share a tag; new numbers are never reused.
    const warmup = prepare(opts, runId, 'w', opts.warmup, recipients, 0);
    const timed = prepare(opts, runId, 't', opts.n, recipients, opts.warmup);

    const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
    cleanups.push(async () => agent.destroy());
    const post = (p: Prepared) => postMessage(agent, baseUrl, apiKey, p);

    if (warmup.length > 0) {
      log(`warm-up: ${warmup.length} messages, ${opts.concurrency} in flight`);
      const acceptedBefore = simulator.acceptedCount(NUMBER.phoneNumberId);
      const w = await sendAll(warmup, opts.concurrency, post);
      if (w.non202 > 0)
        throw new Error(`warm-up: ${w.non202} POSTs not answered 202: ${w.failures.join(' | ')}`);
      log(
        `warm-up: answered in ${w.seconds.toFixed(2)} s (${round(warmup.length / w.seconds)}/s); waiting for Meta`,
      );
      const expected = acceptedBefore + warmup.length;
      const waited = await waitUntil('warm-up: Meta accepting the sends', opts.waitMs, 50, () => {
        const n = simulator.acceptedCount(NUMBER.phoneNumberId);
        return { done: n >= expected, progress: n, state: `${n - acceptedBefore}/${warmup.length} accepted` };
      });
      if (!waited.ok) throw new Error(`warm-up: not every send was accepted: ${waited.state}`);
    }

    const sampler =
      pgClient && process.env.CHARLA_BENCH_VERBOSE ? statementSampler(pgClient, databaseName) : null;
    log(
      `timed: ${opts.n} messages (${opts.type}) to ${opts.to === 'existing' ? `${opts.customers} existing customers` : 'new numbers'}, ${opts.concurrency} in flight${opts.idempotency ? ', with Idempotency-Key' : ''}`,
    );
    const acceptedBefore = simulator.acceptedCount(NUMBER.phoneNumberId);
    const cpuBefore = await cpu();
    const machineBefore = machineBusySeconds();
    const firstPostMs = Date.now();
    const progress = setInterval(() => {
      const sent = simulator.acceptedCount(NUMBER.phoneNumberId) - acceptedBefore;
      log(`  ${((Date.now() - firstPostMs) / 1000).toFixed(1)} s: ${sent} accepted by Meta`);
    }, 5_000);
    const run = await sendAll(timed, opts.concurrency, post).finally(() => clearInterval(progress));
    const cpuApi = await cpu();
    const machineApi = machineBusySeconds();
    log(
      `all ${opts.n} POSTs answered in ${run.seconds.toFixed(2)} s (${round(run.answered202 / run.seconds)}/s), ${run.non202} not 202`,
    );
    if (run.failures.length > 0) log(`first refusals:\n  ${run.failures.join('\n  ')}`);

    const expected = acceptedBefore + run.answered202;
    await waitUntil('Meta accepting the sends', opts.waitMs, 20, () => {
      const n = simulator.acceptedCount(NUMBER.phoneNumberId);
      return { done: n >= expected, progress: n, state: `${n - acceptedBefore}/${run.answered202} accepted` };
    });
    const cpuAfter = await cpu();
    await sampler?.stop();

    const logged = readSends(simulator, `${runId}-t`);
    const accepted = timed.filter((p) => logged.acceptedAt.has(p.tag)).length;
    const missing = Math.max(0, run.answered202 - accepted);
    const lastMs = Math.max(0, ...[...logged.acceptedAt.values()].map((times) => times[0]!));
    const sentSeconds = accepted > 0 && missing === 0 ? (lastMs - firstPostMs) / 1000 : null;
    const latencies = run.latencies.sort((a, b) => a - b);
    const acceptedPerS = run.answered202 / run.seconds;
    const p95 = percentile(latencies, 95);
    const perMessage = (from: typeof cpuBefore, to: typeof cpuBefore, key: keyof typeof cpuBefore) =>
      round(((to[key] - from[key]) * 1000) / opts.n, 3);
    const cores = (key: keyof typeof cpuBefore) => round((cpuApi[key] - cpuBefore[key]) / run.seconds, 2);
    const peakRss = charlaPeakRss();
    const machineCores = round((machineApi - machineBefore) / run.seconds, 2);
    const result: Figures = {
      bench: 'api',
      db: opts.db,
      n: opts.n,
      concurrency: opts.concurrency,
      to: opts.to,
      customers: opts.to === 'existing' ? opts.customers : opts.n,
      type: opts.type,
      idempotency: opts.idempotency,
      prepared: opts.prepared,
      warmup: opts.warmup,
      rate: opts.rate,
      accepted_per_s: round(acceptedPerS),
      accepted_per_s_target: TARGETS.acceptedPerS,
      api_seconds: round(run.seconds, 2),
      p50_ms: round(percentile(latencies, 50), 1),
      p95_ms: round(p95, 1),
      p95_target_ms: TARGETS.p95Ms,
      p99_ms: round(percentile(latencies, 99), 1),
      max_ms: round(latencies.at(-1) ?? 0, 1),
      non_202: run.non202,
      non_202_by_status: run.byStatus,
      sent_per_s: sentSeconds === null ? null : round(accepted / sentSeconds),
      sent_per_s_ceiling: opts.rate,
      sent_seconds: sentSeconds === null ? null : round(sentSeconds, 2),
      sent_after_last_202_seconds: sentSeconds === null ? null : round(sentSeconds - run.seconds, 2),
      accepted_by_meta: accepted,
      missing,
      duplicates: logged.duplicates,
      duplicates_target: 0,
      refused_by_code: logged.refused,
      // CPU one message cost each process, from the first POST until Meta accepted the last send
      // (the bench's own process is the client and the simulator playing Meta).
      cpu_ms_per_message: {
        charla: perMessage(cpuBefore, cpuAfter, 'charla'),
        postgres: perMessage(cpuBefore, cpuAfter, 'postgres'),
        bench: perMessage(cpuBefore, cpuAfter, 'bench'),
      },
      // Cores each used while the POSTs were being answered (the outbox sends meanwhile).
      api_cores: { charla: cores('charla'), postgres: cores('postgres'), bench: cores('bench') },
      // The whole machine's busy cores meanwhile, and what of it was none of the three (PostgreSQL's
      // own background processes, the kernel's network work, anything else running).
      machine_busy_cores: machineCores,
      other_cores: round(machineCores - cores('charla') - cores('postgres') - cores('bench'), 2),
      charla_peak_rss_mb: peakRss === null ? null : round(peakRss / 1024 / 1024),
      targets_met: acceptedPerS >= TARGETS.acceptedPerS && p95 < TARGETS.p95Ms,
      loopback_round_trip_cpu_us: loopback.round_trip_cpu_us,
    };
    if (sampler) log(sampler.report());
    process.stdout.write(`${JSON.stringify(result)}\n`);
    const problems = [
      ...(run.non202 > 0 ? [`${run.non202} POSTs not answered 202`] : []),
      ...(missing > 0 ? [`${missing} messages answered 202 never accepted by Meta`] : []),
      ...(logged.duplicates > 0 ? [`${logged.duplicates} messages reached a customer twice`] : []),
    ];
    if (problems.length > 0) {
      log(`incomplete or wrong:\n  ${problems.join('\n  ')}`);
      exitCode = 1;
    }
  } catch (err) {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    const output = charlaOutput().trim();
    if (output) log(`Charla's last output:\n${output.slice(-4_000)}`);
    exitCode = 1;
  } finally {
    for (const fn of cleanups.reverse()) {
      await withLimit(fn(), 15_000, 'a cleanup step').catch((err) => log(`cleanup failed: ${err}`));
    }
  }
  process.exit(exitCode);
}

/** CPU seconds the whole machine has spent busy (every core, /proc/stat, Linux): not idle, not waiting for I/O. */
function machineBusySeconds(): number {
  try {
    const cpuLine = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = cpuLine.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    return (total - (ticks[3] ?? 0) - (ticks[4] ?? 0)) / 100;
  } catch {
    return 0;
  }
}

/** A key with `messages:write`, made by the owner (POST /api/api-keys). */
async function makeApiKey(call: Call): Promise<string> {
  const res = await call<{ key?: string }>('POST', '/api/api-keys', {
    name: 'bench',
    scopes: ['messages:write'],
  });
  if (res.status !== 201 || !res.json.key)
    throw new Error(`making the API key failed: ${JSON.stringify(res.json)}`);
  return res.json.key;
}

/** Existing customers: UK mobiles 44 78…; new numbers: Spanish mobiles 34 6…, never reused. */
const existingWaId = (i: number) => `4478${String(i).padStart(8, '0')}`;
const newWaId = (i: number) => `346${String(i).padStart(8, '0')}`;

/**
 * `count` customers write to the number through the simulator (signed webhooks to Charla, as Meta
 * sends them), which opens their 24-hour window; waits for their conversations.
 */
async function openWindows(
  simulator: Simulator,
  query: Query,
  channelId: string,
  count: number,
): Promise<string[]> {
  const waIds = Array.from({ length: count }, (_, i) => existingWaId(i));
  for (const [i, waId] of waIds.entries()) {
    simulator.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId,
      name: `Cliente ${i}`,
      text: 'Hola, ¿me avisáis cuando salga mi pedido?',
    });
  }
  const waited = await waitUntil(`${count} customers writing in`, 60_000, 100, async () => {
    const [row] = await withLimit(
      query<{ n: number }>(
        `SELECT count(*)::int AS n FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
          WHERE c.channel_id = $1 AND ct.wa_id = ANY($2::text[])`,
        [channelId, waIds],
      ),
      15_000,
      'counting conversations',
    );
    const n = Number(row?.n ?? 0);
    return { done: n >= count, progress: n, state: `${n}/${count} conversations` };
  });
  if (!waited.ok) throw new Error(`the customers' conversations never all appeared: ${waited.state}`);
  return waIds;
}

/**
 * `count` requests, each with a unique tag `[<runId>-<part> #i]`: the text's end, or the
 * template's variable. To the existing customers in turn, or to new numbers from `offset` on.
 */
function prepare(
  opts: Options,
  runId: string,
  part: 'w' | 't',
  count: number,
  existing: string[] | null,
  offset: number,
): Prepared[] {
  return Array.from({ length: count }, (_, i) => {
    const tag = `[${runId}-${part} #${i}]`;
    const waId = existing ? existing[i % existing.length]! : newWaId(offset + i);
    const body =
      opts.type === 'text'
        ? { to: `+${waId}`, type: 'text', text: { body: `Tu pedido ya salió del almacén ${tag}` } }
        : {
            to: `+${waId}`,
            type: 'template',
            template: {
              name: TEMPLATE.name,
              language: { code: TEMPLATE.language },
              components: [
                {
                  type: 'body',
                  parameters: [{ type: 'text', parameter_name: TEMPLATE.variable, text: `Ana ${tag}` }],
                },
              ],
            },
          };
    return {
      tag,
      waId,
      payload: Buffer.from(JSON.stringify(body)),
      idempotencyKey: opts.idempotency ? `bench-${runId}-${part}-${i}` : null,
    };
  });
}

type Answer = { status: number; body: string };

/** Posts every request, `concurrency` in flight; each 202's time as the client sees it. */
async function sendAll(
  requests: Prepared[],
  concurrency: number,
  post: (p: Prepared) => Promise<Answer>,
): Promise<{
  seconds: number;
  latencies: number[];
  answered202: number;
  non202: number;
  byStatus: Record<string, number>;
  failures: string[];
}> {
  const latencies: number[] = [];
  const byStatus: Record<string, number> = {};
  const failures: string[] = [];
  let non202 = 0;
  let next = 0;
  const started = performance.now();
  const workers = Array.from({ length: Math.min(concurrency, requests.length) }, async () => {
    while (next < requests.length) {
      const p = requests[next++]!;
      const t0 = performance.now();
      const res = await post(p);
      const ms = performance.now() - t0;
      if (res.status === 202) latencies.push(ms);
      else {
        non202++;
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        if (failures.length < 5) failures.push(`${res.status} ${res.body.slice(0, 300)}`);
      }
    }
  });
  await Promise.all(workers);
  return {
    seconds: (performance.now() - started) / 1000,
    latencies,
    answered202: latencies.length,
    non202,
    byStatus,
    failures,
  };
}

/** One POST /api/v1/messages with the key over the keep-alive agent; status 0 on a network error. */
function postMessage(agent: http.Agent, baseUrl: string, apiKey: string, p: Prepared): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: hostname,
        port,
        method: 'POST',
        path: '/api/v1/messages',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'content-length': p.payload.length,
          ...(p.idempotencyKey ? { 'idempotency-key': p.idempotencyKey } : {}),
        },
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', (err) => resolve({ status: 0, body: err.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', (err) => resolve({ status: 0, body: err.message }));
    req.end(p.payload);
  });
}

const TAG = /\[(\S+) #(\d+)\]$/;

/** The tagged sends of one part in the simulator's log: when each was accepted, repeats, refusals. */
function readSends(
  simulator: Simulator,
  part: string,
): { acceptedAt: Map<string, number[]>; duplicates: number; refused: Record<string, number> } {
  const acceptedAt = new Map<string, number[]>();
  const refused: Record<string, number> = {};
  let duplicates = 0;
  for (const send of simulator.sends(NUMBER.phoneNumberId)) {
    const tag = tagOf(send.body);
    if (tag === null || TAG.exec(tag)?.[1] !== part) continue;
    if (!send.accepted) {
      const code = String(
        (send.response as { error?: { code?: unknown } })?.error?.code ?? send.responseStatus,
      );
      refused[code] = (refused[code] ?? 0) + 1;
      continue;
    }
    const times = acceptedAt.get(tag) ?? [];
    if (times.length > 0) duplicates++;
    times.push(send.accepted.atMs);
    acceptedAt.set(tag, times);
  }
  return { acceptedAt, duplicates, refused };
}

/** The tag at the end of a send's text, or of its template's first body parameter. */
function tagOf(body: unknown): string | null {
  const b = body as {
    type?: string;
    text?: { body?: unknown };
    template?: { components?: { type?: string; parameters?: { text?: unknown }[] }[] };
  } | null;
  const text =
    b?.type === 'text'
      ? b.text?.body
      : b?.type === 'template'
        ? b.template?.components?.find((c) => c.type === 'body')?.parameters?.[0]?.text
        : undefined;
  if (typeof text !== 'string') return null;
  const match = TAG.exec(text);
  return match ? match[0] : null;
}

/**
 * CHARLA_BENCH_VERBOSE=1: a poor man's profile of PostgreSQL during the timed part, which
 * statements are running at each look (every 20 ms), and what they wait for.
 */
function statementSampler(db: pg.Client, database: string) {
  const seen = new Map<string, number>();
  let looks = 0;
  let active = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await db.query<{ q: string }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event || ' ', '') || left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q
           FROM pg_stat_activity
          WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
        [database],
      );
      looks++;
      active += rows.length;
      for (const { q } of rows) seen.set(q, (seen.get(q) ?? 0) + 1);
      await sleep(20);
    }
  })();
  return {
    stop: () => {
      stopped = true;
      return loop;
    },
    report: () => {
      const top = [...seen.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
      return `PostgreSQL statements seen running (of ${looks} looks, ${(active / Math.max(1, looks)).toFixed(1)} running on average; wait event first when waiting):\n  ${top.map(([q, k]) => `${k} ${q}`).join('\n  ')}`;
    },
  };
}

/**
 * Polls `look` every `everyMs` until it is done. Gives up after `limitMs`, or when its progress
 * has not changed for STALL_MS, and says what it still saw; logs the state every 2 s meanwhile.
 */
async function waitUntil(
  what: string,
  limitMs: number,
  everyMs: number,
  look: () =>
    | { done: boolean; progress: number; state: string }
    | Promise<{ done: boolean; progress: number; state: string }>,
): Promise<{ ok: boolean; state: string }> {
  const started = performance.now();
  let progress = Number.NaN;
  let changedAt = started;
  let reportedAt = started;
  for (;;) {
    const seen = await look();
    const now = performance.now();
    if (seen.done) return { ok: true, state: seen.state };
    if (seen.progress !== progress) {
      progress = seen.progress;
      changedAt = now;
    }
    const why =
      now - started > limitMs
        ? `${(limitMs / 1000).toFixed(0)} s passed`
        : now - changedAt > STALL_MS
          ? `nothing changed for ${STALL_MS / 1000} s`
          : null;
    if (why) {
      log(`${what}: gave up, ${why}: ${seen.state}`);
      return { ok: false, state: seen.state };
    }
    if (now - reportedAt >= 2_000) {
      reportedAt = now;
      log(`${what}: ${seen.state} (${((now - started) / 1000).toFixed(1)} s)`);
    }
    await sleep(everyMs);
  }
}

/** `work`, or an error after `ms` (a stuck database or server must not hang the bench). */
async function withLimit<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

void main();
