/**
 * Per-message sends: agent replies and inbound photos through real HTTP, timed where Meta (the
 * simulator) accepts the sends.
 *
 *   npx tsx bench/send.ts [--part burst|idle|busy|photos|all] [--replies 5000] [--conversations 500]
 *     [--concurrency 64] [--samples 200] [--pause 50] [--broadcast 100000] [--photos 500]
 *     [--photo-kb 100] [--rate 1000] [--db postgres|pglite] [--wait 120] [--profile DIR]
 *
 * Starts the simulator in this process, playing Meta for one number (HIGH throughput, `mps` = the
 * rate, the per-recipient pair rate limit on), and Charla on a fresh database: as its own OS
 * process on PostgreSQL (`main.ts`), in this process on PGlite (its database belongs to one
 * process, and the bench reads it through Charla's handle). The owner signs up and the number's
 * rate is set (PUT /api/broadcasts/channels/:id/rate). Customers write first through the
 * simulator (signed webhooks to Charla, as Meta sends them), so each has a conversation with the
 * 24-hour window open. Then the parts, in this order:
 *
 * - burst: every reply queued at once (POST /api/conversations/:id/messages, `--concurrency` in
 *   flight over keep-alive); the time to the simulator's last acceptance, the order per recipient
 *   and repeats, from the simulator's log.
 * - idle: one reply at a time, waiting for its acceptance, then a pause; latency from the call to
 *   the simulator's acceptance.
 * - photos: customers each send a photo; the time until every media row is `ready`.
 * - busy: the idle measurement while a template broadcast to `--broadcast` seeded contacts sends
 *   on the same number; the broadcast is cancelled afterwards.
 *
 * Every reply has a unique text, which matches it to its send in the simulator's log; the
 * acceptance times are the simulator's. Every wait has a limit and says what was missing. Progress
 * goes to stderr; the result is one JSON line on stdout, each figure next to its target. Exits 1
 * when a send or a download is missing, a reply was refused by Charla, reached a customer twice
 * or out of order; a slow figure is reported, not failed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
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
  seedContacts,
  setNumberRate,
  signUpOwner,
  startBroadcast,
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

const log = (msg: string) => process.stderr.write(`[bench:send] ${msg}\n`);

const PARTS = ['queued', 'burst', 'idle', 'photos', 'busy'] as const;
type Part = (typeof PARTS)[number];

/** The issue's targets. */
const TARGETS = {
  queuedSeconds: 6,
  burstSeconds: 6,
  idleP95Ms: 100,
  busyP95Ms: 300,
  photosSeconds: 10,
};
/**
 * The simulator's pair rate limit lets 45 messages through to one recipient at once, then one
 * every 6 s: the latency parts give each conversation at most this many replies.
 */
const REPLIES_PER_LATENCY_CONVERSATION = 10;
const PAIR_RATE_BURST = 45;
/** A wait that sees nothing change for this long gives up, whatever its limit. */
const STALL_MS = 30_000;
/** One reply of the latency parts not accepted within this long is counted missing. */
const REPLY_WAIT_MS = 30_000;
/** A database poll that takes longer than this means the database is stuck. */
const QUERY_LIMIT_MS = 15_000;

type Query = <R extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;
type Customer = { waId: string; conversationId: string };
type Figures = Record<string, number | string | boolean | null | Record<string, number>>;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      part: { type: 'string' },
      replies: { type: 'string' },
      conversations: { type: 'string' },
      concurrency: { type: 'string' },
      samples: { type: 'string' },
      pause: { type: 'string' },
      broadcast: { type: 'string' },
      photos: { type: 'string' },
      'photo-kb': { type: 'string' },
      rate: { type: 'string' },
      db: { type: 'string' },
      wait: { type: 'string' },
      profile: { type: 'string' },
    },
    strict: true,
  });
  const asked = (values.part ?? 'all').split(',');
  const parts = asked.includes('all') ? [...PARTS] : PARTS.filter((p) => asked.includes(p));
  const unknown = asked.filter((p) => p !== 'all' && !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0 || parts.length === 0)
    throw new Error(`--part is one or more of ${PARTS.join(', ')} (comma-separated) or all`);
  const db = values.db ?? 'postgres';
  if (db !== 'postgres' && db !== 'pglite') throw new Error(`--db must be postgres or pglite, got ${db}`);
  const rate = positiveInt('rate', values.rate, 1_000);
  if (rate > 1_000) throw new Error(`--rate is 1..1000 (Meta's highest level)`);
  const replies = positiveInt('replies', values.replies, 5_000);
  const conversations = positiveInt('conversations', values.conversations, 500);
  if (conversations > replies) throw new Error('--conversations must not exceed --replies');
  return {
    parts,
    replies,
    conversations,
    concurrency: positiveInt('concurrency', values.concurrency, 64),
    samples: positiveInt('samples', values.samples, 200),
    pauseMs: values.pause === '0' ? 0 : positiveInt('pause', values.pause, 50),
    broadcast: positiveInt('broadcast', values.broadcast, 100_000),
    photos: positiveInt('photos', values.photos, 500),
    photoKb: positiveInt('photo-kb', values['photo-kb'], 100),
    rate,
    db: db as 'postgres' | 'pglite',
    waitMs: positiveInt('wait', values.wait, 120) * 1000,
    /** PostgreSQL only: a directory for Charla's CPU profile (node --cpu-prof), written when it stops. */
    profile: values.profile ?? null,
  };
}
type Options = ReturnType<typeof parseOptions>;

/** What every part works with. */
type Bench = {
  opts: Options;
  runId: string;
  simulator: Simulator;
  query: Query;
  call: Call;
  channelId: string;
  post: (path: string, body: unknown) => Promise<{ status: number; body: string }>;
  /** CPU seconds so far of Charla, PostgreSQL's backends for the bench database, and this process. */
  cpu: () => Promise<{ charla: number; postgres: number; bench: number }>;
};

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
      pairRateLimit: true,
    });
    cleanups.push(() => simulator.close());

    let baseUrl: string;
    let query: Query;
    let cpu: Bench['cpu'];
    if (opts.db === 'postgres') {
      const database = await createPgDatabase();
      // CHARLA_BENCH_KEEP_DB=1 leaves the database for a look afterwards (drop it by hand).
      if (!process.env.CHARLA_BENCH_KEEP_DB) cleanups.push(database.drop);
      log(`created database ${database.name}`);
      const charla = await startCharlaProcess(
        charlaProcessEnv({ dataDir, databaseUrl: database.url, simulatorUrl }),
        port,
        opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`] : [],
      );
      cleanups.push(() => charla.stop());
      charlaOutput = charla.output;
      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      cleanups.push(() => db.end());
      baseUrl = charla.url;
      query = async (text, params) => (await db.query(text, params)).rows;
      cpu = cpuMeter({ charlaPid: charla.child.pid, pg: { client: db, database: database.name } });
      log(`Charla is up (pid ${charla.child.pid}), simulator at ${simulatorUrl}`);
    } else {
      const serverLog = (level: string) => (obj: unknown, msg?: string) =>
        log(`server ${level}: ${msg ?? ''} ${typeof obj === 'string' ? obj : JSON.stringify(obj)}`);
      const charla = await startCharlaInProcess({
        dataDir,
        logger: { info() {}, warn: serverLog('warn'), error: serverLog('error') },
        workers: true,
        port,
        env: numberEnv(simulatorUrl),
      });
      cleanups.push(charla.close);
      baseUrl = charla.address;
      query = (text, params) => charla.container.db.query(text, params);
      cpu = cpuMeter({});
      log(`Charla is up in this process on PGlite, simulator at ${simulatorUrl}`);
    }

    const { call, cookie } = await signUpOwner(baseUrl);
    const channelId = await channelIdOf(call);
    await setNumberRate(call, channelId, opts.rate);
    // An agent's browser: keep-alive connections, a bounded number of requests in flight.
    const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
    cleanups.push(async () => agent.destroy());
    const bench: Bench = {
      opts,
      runId: randomBytes(3).toString('hex'),
      simulator,
      query,
      call,
      channelId,
      post: (path, body) => postJson(agent, baseUrl, cookie, path, body),
      cpu,
    };

    const result: Figures = {
      bench: 'send',
      db: opts.db,
      rate: opts.rate,
      parts: opts.parts.join(','),
    };
    const problems: string[] = [];
    const met: boolean[] = [];
    for (const part of opts.parts) {
      log(`--- ${part}`);
      const { figures, ok, missed } = await RUN[part](bench);
      Object.assign(result, figures, { [`${part}_met`]: ok });
      met.push(ok);
      problems.push(...missed);
      if (missed.length > 0 && part !== opts.parts.at(-1)) {
        log(`warning: what ${part} left unsent may still be queued while the next parts run`);
      }
    }
    result.targets_met = met.every(Boolean);
    result.loopback_round_trip_cpu_us = loopback.round_trip_cpu_us;
    process.stdout.write(`${JSON.stringify(result)}\n`);
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

/** A part's figures, whether its targets were met, and what was missing or wrong (exit code 1). */
type PartResult = { figures: Figures; ok: boolean; missed: string[] };

const RUN: Record<Part, (b: Bench) => Promise<PartResult>> = {
  queued: runQueued,
  burst: runBurst,
  idle: (b) => runLatency(b, 'idle'),
  busy: runBusy,
  photos: runPhotos,
};

// --- queued -------------------------------------------------------------------------------------

/**
 * The pipeline alone: `--replies` replies over `--conversations` conversations written at once,
 * the way a bot, a rule or an integration queues them (one statement stores the messages and
 * their outbox rows, exactly as the API's queueOutbound does for one), then the number is woken
 * by NOTIFY, as another Charla process would wake it. Timed from the wake to the simulator's last
 * acceptance, with order and repeats checked per customer.
 */
async function runQueued(b: Bench): Promise<PartResult> {
  const { replies, conversations } = b.opts;
  const customers = await openConversations(b, 'queued', conversations);
  const tag = `${b.runId}-queued`;
  const rows = Array.from({ length: replies }, (_, j) => ({
    conv: customers[j % conversations]!.conversationId,
    text: replyText(tag, j % conversations, Math.floor(j / conversations)),
    n: j,
  }));
  log(`queued: ${replies} replies over ${conversations} conversations written in one statement`);
  await b.query(
    `WITH v AS (SELECT r.conv::uuid AS conv, r.text, r.n FROM json_to_recordset($1::json)
                  AS r(conv text, text text, n bigint)),
          m AS (INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content,
                                      status, occurred_at)
                SELECT c.workspace_id, c.id, c.channel_id, 'outbound', 'text', v.text,
                       json_build_object('type', 'text', 'body', v.text)::jsonb, 'queued',
                       now() + v.n * interval '1 microsecond'
                  FROM v JOIN conversations c ON c.id = v.conv ORDER BY v.n
                RETURNING id, workspace_id, channel_id, conversation_id, occurred_at)
     INSERT INTO outbox_items (workspace_id, channel_id, conversation_id, kind, message_id)
     SELECT workspace_id, channel_id, conversation_id, 'message', id FROM m ORDER BY occurred_at`,
    [JSON.stringify(rows)],
  );
  const woken = Date.now();
  await b.query(`SELECT pg_notify('charla_outbox', $1)`, [b.channelId]);
  const waIds = new Set(customers.map((c) => c.waId));
  const countAccepted = () =>
    b.simulator
      .acceptedSends({ phoneNumberId: NUMBER.phoneNumberId, sinceMs: woken })
      .filter((s) => s.type === 'text' && waIds.has(s.waId)).length;
  await waitUntil('queued: the simulator accepting the replies', b.opts.waitMs, 20, () => {
    const n = countAccepted();
    return { done: n >= replies, progress: n, state: `${n}/${replies} replies accepted` };
  });
  const logged = readReplies(b.simulator, tag);
  const texts = rows.map((r) => r.text);
  const accepted = texts.filter((t) => logged.acceptedAt.has(t)).length;
  const firstMs = Math.min(...[...logged.acceptedAt.values()].map((times) => times[0]!));
  const lastMs = Math.max(0, ...[...logged.acceptedAt.values()].map((times) => times[0]!));
  const missing = replies - accepted;
  const seconds = missing === 0 ? (lastMs - woken) / 1000 : null;
  const figures: Figures = {
    queued_replies: replies,
    queued_conversations: conversations,
    queued_seconds: seconds === null ? null : round(seconds, 2),
    queued_target_seconds: TARGETS.queuedSeconds,
    queued_first_send_ms: accepted > 0 ? firstMs - woken : null,
    queued_sends_per_s: seconds === null ? null : round(accepted / seconds),
    queued_accepted: accepted,
    queued_missing: missing,
    queued_order_violations: logged.orderViolations,
    queued_duplicates: logged.duplicates,
  };
  log(
    `queued: ${seconds === null ? `${missing} replies not accepted` : `${seconds.toFixed(2)} s from the wake to the last acceptance (target ${TARGETS.queuedSeconds} s)`}, order violations ${logged.orderViolations}, repeats ${logged.duplicates}`,
  );
  return {
    figures,
    ok:
      seconds !== null &&
      seconds <= TARGETS.queuedSeconds &&
      logged.orderViolations === 0 &&
      logged.duplicates === 0,
    missed: problemsOf('queued', {
      missing,
      non202: 0,
      orderViolations: logged.orderViolations,
      duplicates: logged.duplicates,
    }),
  };
}

// --- burst ----------------------------------------------------------------------------------

async function runBurst(b: Bench): Promise<PartResult> {
  const { replies, conversations, concurrency } = b.opts;
  const perConversation = Math.ceil(replies / conversations);
  if (perConversation > PAIR_RATE_BURST) {
    log(
      `warning: ${perConversation} replies a conversation; the pair rate limit refuses more than ${PAIR_RATE_BURST} at once`,
    );
  }
  const customers = await openConversations(b, 'burst', conversations);
  const tag = `${b.runId}-burst`;
  // Reply j goes to conversation j mod C, as its (j div C)-th: round robin, all queued at once.
  const texts = Array.from({ length: replies }, (_, j) =>
    replyText(tag, j % conversations, Math.floor(j / conversations)),
  );
  const postMs: number[] = [];
  const failures: string[] = [];
  let non202 = 0;
  let next = 0;
  // A conversation's replies are written one after another, as an agent types them: the next
  // POST of a conversation starts once the previous one was answered. That is their order.
  const previous = new Array<Promise<void>>(conversations).fill(Promise.resolve());
  log(`${replies} replies over ${conversations} conversations, ${concurrency} POSTs in flight`);
  const cpuBefore = await b.cpu();
  const firstPostMs = Date.now();
  const started = performance.now();
  const workers = Array.from({ length: Math.min(concurrency, replies) }, async () => {
    while (next < replies) {
      const j = next++;
      const c = j % conversations;
      const before = previous[c]!;
      let answered!: () => void;
      previous[c] = new Promise<void>((resolve) => {
        answered = resolve;
      });
      await before;
      const t0 = performance.now();
      const res = await b.post(`/api/conversations/${customers[c]!.conversationId}/messages`, {
        type: 'text',
        text: texts[j],
      });
      postMs.push(performance.now() - t0);
      answered();
      if (res.status !== 202) {
        non202++;
        if (failures.length < 5) failures.push(`${res.status} ${res.body.slice(0, 300)}`);
      }
    }
  });
  await Promise.all(workers);
  const apiSeconds = (performance.now() - started) / 1000;
  log(`all POSTs answered in ${apiSeconds.toFixed(2)} s (${non202} not 202)`);
  if (failures.length > 0) log(`first refusals:\n  ${failures.join('\n  ')}`);

  const expected = replies - non202;
  const waIds = new Set(customers.map((c) => c.waId));
  const countAccepted = () =>
    b.simulator
      .acceptedSends({ phoneNumberId: NUMBER.phoneNumberId, sinceMs: firstPostMs })
      .filter((s) => s.type === 'text' && waIds.has(s.waId)).length;
  await waitUntil('burst: the simulator accepting the replies', b.opts.waitMs - apiSeconds * 1000, 50, () => {
    const n = countAccepted();
    return { done: n >= expected, progress: n, state: `${n}/${expected} replies accepted` };
  });

  const cpuAfter = await b.cpu();
  const logged = readReplies(b.simulator, tag);
  const accepted = texts.filter((t) => logged.acceptedAt.has(t)).length;
  const lastMs = Math.max(0, ...[...logged.acceptedAt.values()].map((times) => times[0]!));
  const complete = accepted === replies;
  const missing = Math.max(0, expected - accepted);
  const seconds = complete ? (lastMs - firstPostMs) / 1000 : null;
  postMs.sort((x, y) => x - y);
  const figures: Figures = {
    burst_replies: replies,
    burst_conversations: conversations,
    burst_concurrency: concurrency,
    burst_seconds: seconds === null ? null : round(seconds, 2),
    burst_target_seconds: TARGETS.burstSeconds,
    burst_api_seconds: round(apiSeconds, 2),
    burst_sends_per_s: seconds === null ? null : round(accepted / seconds),
    burst_post_p50_ms: round(percentile(postMs, 50), 1),
    burst_post_p95_ms: round(percentile(postMs, 95), 1),
    // What one reply cost each process, from the first POST until all were accepted (the bench's
    // own process is the client and the simulator playing Meta).
    burst_cpu_ms_per_reply: {
      charla: round(((cpuAfter.charla - cpuBefore.charla) * 1000) / replies, 3),
      postgres: round(((cpuAfter.postgres - cpuBefore.postgres) * 1000) / replies, 3),
      bench: round(((cpuAfter.bench - cpuBefore.bench) * 1000) / replies, 3),
    },
    burst_accepted: accepted,
    burst_missing: missing,
    burst_non_202: non202,
    burst_refused_by_code: logged.refused,
    burst_order_violations: logged.orderViolations,
    burst_order_violations_target: 0,
    burst_duplicates: logged.duplicates,
    burst_duplicates_target: 0,
  };
  const ok = seconds !== null && seconds <= TARGETS.burstSeconds;
  log(
    `burst: ${seconds === null ? `${replies - accepted} replies not accepted` : `${seconds.toFixed(2)} s to the last acceptance (target ${TARGETS.burstSeconds} s)`}, API ${apiSeconds.toFixed(2)} s, order violations ${logged.orderViolations}, repeats ${logged.duplicates}`,
  );
  return {
    figures,
    ok: ok && logged.orderViolations === 0 && logged.duplicates === 0,
    missed: problemsOf('burst', {
      missing,
      non202,
      orderViolations: logged.orderViolations,
      duplicates: logged.duplicates,
    }),
  };
}

// --- idle and busy: one reply at a time ----------------------------------------------------------

type LatencyRun = {
  figures: Figures;
  p95: number | null;
  problems: string[];
  /** When the first reply was posted and the last one accepted (simulator's clock, ms). */
  fromMs: number;
  toMs: number;
  /** Each measured reply: posted and accepted (ms). */
  replies: { postedMs: number; acceptedMs: number }[];
};

/** The idle part, or the measurement of the busy one (`prefix`). */
async function measureLatency(b: Bench, prefix: 'idle' | 'busy', customers: Customer[]): Promise<LatencyRun> {
  const { samples, pauseMs } = b.opts;
  const tag = `${b.runId}-${prefix}`;
  const posted = new Map<string, number>();
  const apiMs: number[] = [];
  let non202 = 0;
  let consecutiveMisses = 0;
  const deadline = performance.now() + b.opts.waitMs;
  log(`${samples} replies one at a time over ${customers.length} conversation(s), ${pauseMs} ms apart`);
  let lastReport = performance.now();
  for (let i = 0; i < samples; i++) {
    if (performance.now() > deadline) {
      log(`${prefix}: stopped after ${i} replies: --wait (${b.opts.waitMs / 1000} s) is over`);
      break;
    }
    const c = i % customers.length;
    const customer = customers[c]!;
    const text = replyText(tag, c, Math.floor(i / customers.length));
    const postedMs = Date.now();
    const t0 = performance.now();
    const res = await b.post(`/api/conversations/${customer.conversationId}/messages`, {
      type: 'text',
      text,
    });
    apiMs.push(performance.now() - t0);
    if (res.status !== 202) {
      non202++;
      if (non202 <= 5) log(`${prefix}: reply ${i} answered ${res.status} ${res.body.slice(0, 300)}`);
      continue;
    }
    posted.set(text, postedMs);
    // Waits for a text to this customer in the simulator's compact log of acceptances.
    let since = postedMs;
    let seen = false;
    const until = Math.min(performance.now() + REPLY_WAIT_MS, deadline);
    for (; performance.now() < until; await sleep(2)) {
      const fresh = b.simulator.acceptedSends({ phoneNumberId: NUMBER.phoneNumberId, sinceMs: since });
      if (fresh.some((s) => s.type === 'text' && s.waId === customer.waId)) {
        seen = true;
        break;
      }
      since = fresh.at(-1)?.atMs ?? since;
    }
    if (seen) consecutiveMisses = 0;
    else {
      log(`${prefix}: reply ${i} was not accepted within ${((until - t0) / 1000).toFixed(1)} s`);
      if (++consecutiveMisses >= 3) {
        log(`${prefix}: three replies in a row never arrived; stopping`);
        break;
      }
    }
    if (performance.now() - lastReport > 5_000) {
      lastReport = performance.now();
      log(`${prefix}: ${i + 1}/${samples} replies`);
    }
    if (pauseMs > 0) await sleep(pauseMs);
  }

  const logged = readReplies(b.simulator, tag);
  const replies: LatencyRun['replies'] = [];
  for (const [text, postedMs] of posted) {
    const acceptedMs = logged.acceptedAt.get(text)?.[0];
    if (acceptedMs !== undefined) replies.push({ postedMs, acceptedMs });
  }
  const latencies = replies.map((r) => r.acceptedMs - r.postedMs).sort((x, y) => x - y);
  apiMs.sort((x, y) => x - y);
  const notSent = samples - apiMs.length;
  const missing = posted.size - replies.length;
  const p95 = latencies.length > 0 ? percentile(latencies, 95) : null;
  const figures: Figures = {
    [`${prefix}_samples`]: samples,
    [`${prefix}_measured`]: replies.length,
    [`${prefix}_p50_ms`]: latencies.length > 0 ? round(percentile(latencies, 50)) : null,
    [`${prefix}_p95_ms`]: p95 === null ? null : round(p95),
    [`${prefix}_p95_target_ms`]: prefix === 'idle' ? TARGETS.idleP95Ms : TARGETS.busyP95Ms,
    [`${prefix}_p99_ms`]: latencies.length > 0 ? round(percentile(latencies, 99)) : null,
    [`${prefix}_max_ms`]: latencies.length > 0 ? round(latencies.at(-1)!) : null,
    [`${prefix}_api_p50_ms`]: round(percentile(apiMs, 50)),
    [`${prefix}_api_p95_ms`]: round(percentile(apiMs, 95)),
    [`${prefix}_missing`]: missing,
    [`${prefix}_not_sent`]: notSent,
    [`${prefix}_non_202`]: non202,
    [`${prefix}_refused_by_code`]: logged.refused,
    [`${prefix}_duplicates`]: logged.duplicates,
  };
  log(
    `${prefix}: ${replies.length}/${samples} replies measured, p50 ${figures[`${prefix}_p50_ms`]} ms, p95 ${figures[`${prefix}_p95_ms`]} ms, max ${figures[`${prefix}_max_ms`]} ms (call to the simulator's acceptance)`,
  );
  return {
    figures,
    p95,
    problems: problemsOf(prefix, {
      missing,
      notSent,
      non202,
      orderViolations: logged.orderViolations,
      duplicates: logged.duplicates,
    }),
    fromMs: replies.length > 0 ? Math.min(...replies.map((r) => r.postedMs)) : 0,
    toMs: replies.length > 0 ? Math.max(...replies.map((r) => r.acceptedMs)) : 0,
    replies,
  };
}

async function runLatency(b: Bench, prefix: 'idle'): Promise<PartResult> {
  const customers = await openConversations(b, prefix, latencyConversations(b.opts.samples));
  const run = await measureLatency(b, prefix, customers);
  return {
    figures: run.figures,
    ok: run.p95 !== null && run.p95 < TARGETS.idleP95Ms && run.problems.length === 0,
    missed: run.problems,
  };
}

const latencyConversations = (samples: number) => Math.ceil(samples / REPLIES_PER_LATENCY_CONVERSATION);

// --- busy: the same while a broadcast sends ------------------------------------------------------

async function runBusy(b: Bench): Promise<PartResult> {
  const n = b.opts.broadcast;
  const customers = await openConversations(b, 'busy', latencyConversations(b.opts.samples));
  const templateId = await approvedTemplate(b.call);
  const seedStarted = performance.now();
  await seedContacts((text, params) => b.query(text, params), n);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  log(`seeded ${n} contacts in ${seedSeconds.toFixed(1)} s (one INSERT ... SELECT)`);

  const startedMs = Date.now();
  const broadcastId = await startBroadcast(b.call, b.channelId, templateId);
  const templatesSince = (fromMs: number) =>
    b.simulator
      .acceptedSends({ phoneNumberId: NUMBER.phoneNumberId, sinceMs: fromMs })
      .filter((s) => s.type === 'template');
  // Measure once the broadcast is under way: a second's worth of sends accepted (a tenth of a
  // small broadcast, so that most of it is left to measure against).
  const warm = Math.min(Math.ceil(n / 10), b.opts.rate);
  const warming = await waitUntil('busy: the broadcast starting to send', 60_000, 100, () => {
    const sent = templatesSince(startedMs).length;
    return { done: sent >= warm, progress: sent, state: `${sent}/${warm} template sends accepted` };
  });
  if (!warming.ok) throw new Error(`the broadcast did not start sending: ${warming.state}`);

  const run = await measureLatency(b, 'busy', customers);

  const cancelAskedMs = Date.now();
  const cancel = await b.call<{ status?: string }>('POST', `/api/broadcasts/${broadcastId}/cancel`);
  log(
    cancel.status === 200
      ? `broadcast cancelled`
      : `broadcast not cancelled (${cancel.status}; it may have finished): ${JSON.stringify(cancel.json)}`,
  );
  // Until the sender has stopped: no template accepted for 2 s.
  let lastCount = -1;
  let quietSince = performance.now();
  await waitUntil('busy: the broadcast stopping', 30_000, 250, () => {
    const count = b.simulator.acceptedCount(NUMBER.phoneNumberId);
    if (count !== lastCount) {
      lastCount = count;
      quietSince = performance.now();
    }
    const quiet = performance.now() - quietSince;
    return {
      done: quiet >= 2_000,
      progress: quiet >= 2_000 ? 1 : 0,
      state: `${count} sends accepted so far`,
    };
  });

  const templates = templatesSince(startedMs);
  const beforeCancel = templates.filter((s) => s.atMs <= cancelAskedMs);
  const firstTemplateMs = beforeCancel[0]?.atMs ?? 0;
  const lastTemplateMs = beforeCancel.at(-1)?.atMs ?? 0;
  const measuredSeconds = (run.toMs - run.fromMs) / 1000;
  const duringMeasurement = templates.filter((s) => s.atMs >= run.fromMs && s.atMs <= run.toMs).length;
  const duringBroadcast = run.replies.filter(
    (r) => r.postedMs >= firstTemplateMs && r.acceptedMs <= lastTemplateMs,
  ).length;
  if (duringBroadcast < run.replies.length) {
    log(
      `busy: only ${duringBroadcast}/${run.replies.length} replies were measured while the broadcast sent (it ended first: use a larger --broadcast)`,
    );
  }
  const broadcastPerSecond = measuredSeconds > 0 ? duringMeasurement / measuredSeconds : null;
  log(
    `busy: the broadcast sent ${broadcastPerSecond === null ? '?' : broadcastPerSecond.toFixed(0)}/s during the measurement (rate ${b.opts.rate}/s), ${templates.length} of ${n} before it stopped`,
  );
  return {
    figures: {
      busy_broadcast: n,
      busy_seed_seconds: round(seedSeconds, 2),
      ...run.figures,
      busy_broadcast_sends_per_s: broadcastPerSecond === null ? null : round(broadcastPerSecond),
      busy_broadcast_rate: b.opts.rate,
      busy_replies_during_broadcast: duringBroadcast,
      busy_broadcast_accepted: templates.length,
    },
    // Met only if every reply was measured while the broadcast was sending.
    ok:
      run.p95 !== null &&
      run.p95 < TARGETS.busyP95Ms &&
      run.problems.length === 0 &&
      duringBroadcast === run.replies.length,
    missed: run.problems,
  };
}

// --- photos -------------------------------------------------------------------------------------

async function runPhotos(b: Bench): Promise<PartResult> {
  const n = b.opts.photos;
  // Bytes of a JPEG (start and end markers around random data), different for every photo.
  const photos = Array.from({ length: n }, () => {
    const bytes = randomBytes(b.opts.photoKb * 1024);
    bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
    bytes.set([0xff, 0xd9], bytes.length - 2);
    return bytes.toString('base64');
  });
  log(`${n} customers each send a photo of ${b.opts.photoKb} KB`);
  const started = performance.now();
  const mediaIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const sent = b.simulator.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId: waIdOf('photos', i),
      name: `Cliente foto ${i}`,
      message: { type: 'image', image: { caption: `Así llegó el pedido ${i}` } },
      media: { base64: photos[i]!, mimeType: 'image/jpeg' },
    });
    if (sent.mediaId) mediaIds.push(sent.mediaId);
  }
  let states: Record<string, number> = {};
  const waited = await waitUntil('photos: media downloaded', b.opts.waitMs, 50, async () => {
    const rows = await withLimit(
      b.query<{ state: string; n: number }>(
        'SELECT state, count(*)::int AS n FROM media WHERE channel_id = $1 AND external_id = ANY($2::text[]) GROUP BY state',
        [b.channelId, mediaIds],
      ),
      QUERY_LIMIT_MS,
      'counting media rows',
    );
    states = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    const ready = states.ready ?? 0;
    const failed = states.failed ?? 0;
    const pending = states.pending ?? 0;
    return {
      done: ready + failed >= n,
      progress: ready + failed + pending,
      state: `ready ${ready}/${n}, pending ${pending}, failed ${failed}, not stored yet ${n - ready - failed - pending}`,
    };
  });
  const seconds = (performance.now() - started) / 1000;
  const ready = states.ready ?? 0;
  const failed = states.failed ?? 0;
  if (failed > 0) {
    const errors = await b.query<{ error: string | null; n: number }>(
      `SELECT error, count(*)::int AS n FROM media WHERE channel_id = $1 AND external_id = ANY($2::text[])
          AND state = 'failed' GROUP BY error ORDER BY 2 DESC LIMIT 5`,
      [b.channelId, mediaIds],
    );
    log(`photos: failed downloads: ${JSON.stringify(errors)}`);
  }
  const allReady = waited.ok && ready === n;
  log(
    `photos: ${allReady ? `all ${n} ready in ${seconds.toFixed(2)} s (target ${TARGETS.photosSeconds} s)` : `not all ready: ${waited.state}`}`,
  );
  return {
    figures: {
      photos: n,
      photo_kb: b.opts.photoKb,
      photos_seconds: allReady ? round(seconds, 2) : null,
      photos_target_seconds: TARGETS.photosSeconds,
      photos_ready: ready,
      photos_failed: failed,
      photos_missing: n - ready - failed,
    },
    ok: allReady && seconds < TARGETS.photosSeconds,
    missed: allReady ? [] : [`photos: ${waited.state}`],
  };
}

// --- shared -------------------------------------------------------------------------------------

/** The customers of a part: their own numbers (44 7<part> ...), so parts never share a recipient. */
const waIdOf = (part: Part, i: number) => `447${PARTS.indexOf(part) + 1}${String(i).padStart(8, '0')}`;

/**
 * `count` customers write to the number through the simulator (signed webhooks to Charla, as
 * Meta sends them), which opens their 24-hour window; returns each one's conversation.
 */
async function openConversations(b: Bench, part: Part, count: number): Promise<Customer[]> {
  const waIds = Array.from({ length: count }, (_, i) => waIdOf(part, i));
  for (const [i, waId] of waIds.entries()) {
    b.simulator.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId,
      name: `Cliente ${part} ${i}`,
      text: 'Hola, ¿me podéis ayudar con mi pedido?',
    });
  }
  let found = new Map<string, string>();
  const waited = await waitUntil(`${part}: ${count} customers writing in`, 60_000, 100, async () => {
    const rows = await withLimit(
      b.query<{ wa_id: string; id: string }>(
        `SELECT ct.wa_id, c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
          WHERE c.channel_id = $1 AND ct.wa_id = ANY($2::text[])`,
        [b.channelId, waIds],
      ),
      QUERY_LIMIT_MS,
      'looking up conversations',
    );
    found = new Map(rows.map((r) => [r.wa_id, r.id]));
    return { done: found.size >= count, progress: found.size, state: `${found.size}/${count} conversations` };
  });
  if (!waited.ok)
    throw new Error(`${part}: the customers' conversations never all appeared: ${waited.state}`);
  return waIds.map((waId) => ({ waId, conversationId: found.get(waId)! }));
}

/** A reply's text, unique in the run: the part's tag, the conversation and its place there. */
const replyText = (tag: string, conversation: number, k: number) =>
  `Gracias por escribir, lo miramos ahora mismo [${tag} c${conversation} #${k}]`;
const REPLY_TAG = /\[(\S+) c(\d+) #(\d+)\]$/;

type LoggedReplies = {
  /** When each reply text was accepted; more than one time: it reached the customer twice. */
  acceptedAt: Map<string, number[]>;
  duplicates: number;
  /** Replies accepted after a later reply of the same conversation. */
  orderViolations: number;
  /** Sends of these replies the simulator refused, by Graph error code. */
  refused: Record<string, number>;
};

/** The part's replies in the simulator's log of sends, in the order it accepted them. */
function readReplies(simulator: Simulator, tag: string): LoggedReplies {
  const acceptedAt = new Map<string, number[]>();
  const refused: Record<string, number> = {};
  const newest = new Map<number, number>();
  let orderViolations = 0;
  let duplicates = 0;
  for (const send of simulator.sends(NUMBER.phoneNumberId)) {
    const body = send.body as { type?: unknown; text?: { body?: unknown } } | null;
    const text = body?.type === 'text' && typeof body.text?.body === 'string' ? body.text.body : null;
    const match = text === null ? null : REPLY_TAG.exec(text);
    if (text === null || match?.[1] !== tag) continue;
    if (!send.accepted) {
      const code = String(
        (send.response as { error?: { code?: unknown } })?.error?.code ?? send.responseStatus,
      );
      refused[code] = (refused[code] ?? 0) + 1;
      continue;
    }
    const times = acceptedAt.get(text) ?? [];
    if (times.length > 0) duplicates++;
    times.push(send.accepted.atMs);
    acceptedAt.set(text, times);
    const conversation = Number(match[2]);
    const k = Number(match[3]);
    if (k < (newest.get(conversation) ?? -1)) orderViolations++;
    else newest.set(conversation, k);
  }
  return { acceptedAt, duplicates, orderViolations, refused };
}

function problemsOf(
  part: string,
  c: { missing: number; notSent?: number; non202: number; orderViolations: number; duplicates: number },
): string[] {
  return [
    ...(c.missing > 0 ? [`${part}: ${c.missing} replies never accepted by the simulator`] : []),
    ...(c.notSent ? [`${part}: ${c.notSent} replies not sent (the part ran out of time first)`] : []),
    ...(c.non202 > 0 ? [`${part}: ${c.non202} replies not accepted by Charla's API (not 202)`] : []),
    ...(c.orderViolations > 0
      ? [`${part}: ${c.orderViolations} replies reached a customer out of order`]
      : []),
    ...(c.duplicates > 0 ? [`${part}: ${c.duplicates} replies reached a customer twice`] : []),
  ];
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

/** One JSON POST with the session cookie over the keep-alive agent; status 0 on a network error. */
function postJson(
  agent: http.Agent,
  baseUrl: string,
  cookie: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: hostname,
        port,
        method: 'POST',
        path,
        headers: {
          cookie,
          'x-charla-request': '1',
          'content-type': 'application/json',
          'content-length': payload.length,
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
    req.end(payload);
  });
}

void main();
