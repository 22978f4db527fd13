/**
 * Bots under load: many customers in bot sessions at once, each answering within a couple of
 * seconds of the bot, timed from the customer's message to the bot's reply accepted by Meta.
 *
 *   npx tsx bench/bots.ts [--customers 1000] [--think 2000] [--rate 1000] [--start spread|burst]
 *                         [--db postgres|pglite] [--warmup 300] [--profile DIR]
 *
 * Starts the simulator in this process, playing Meta for one number (HIGH throughput, `mps` =
 * the rate, no per-recipient limit), and Charla on a fresh database: its own OS process on
 * PostgreSQL (`main.ts`), or in this process on PGlite. The owner signs up, publishes a bot
 * (greeting, a three-option choice, a free-text question, a number question, a goodbye) and a
 * rule that starts it on "hola". Then every customer writes "hola" through the simulator (signed
 * webhooks to Charla, as Meta sends them), each at a random moment of the first `--think` ms
 * (`--start burst`: all in the same instant), and goes through the bot: after each of the bot's
 * turns, the customer answers after a random 0..`--think` ms, as a person would.
 *
 * Latency of a turn: from the moment the simulator posts the customer's webhook to the moment it
 * accepts the bot's first send of the turn (both on this process's clock), so it holds the
 * webhook's trip, Charla's ingest, the automation worker, the outbox and the Graph call. Progress
 * goes to stderr; the result is one JSON line on stdout with p50/p95/p99 beside the target
 * (p95 < 500 ms). Exits 1 when a customer did not get through the bot or got a turn twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  type Call,
  channelIdOf,
  charlaProcessEnv,
  NUMBER,
  numberEnv,
  setNumberRate,
  signUpOwner,
  startNumberSimulator,
} from './broadcast-setup';
import {
  cpuMeter,
  createPgDatabase,
  freePort,
  startCharlaInProcess,
  startCharlaProcess,
} from './start-charla';
import { percentile, positiveInt, round, sleep } from './util';

const log = (msg: string) => process.stderr.write(`[bench:bots] ${msg}\n`);
const TARGET_P95_MS = 500;

/** The bot: what the customer answers at each turn, and how many messages the bot sends in it. */
const TURNS = [
  { answer: null, sends: 2 }, // "hola" -> greeting + choice
  { answer: 'Mi pedido', sends: 1 }, // -> question: name
  { answer: 'Lucía', sends: 1 }, // -> question: order number
  { answer: '12345', sends: 1 }, // -> goodbye
] as const;

const flow = {
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'hello', type: 'message', message: { type: 'text', text: '¡Hola {{contact.first_name}}!' } },
    {
      id: 'menu',
      type: 'choice',
      text: '¿En qué te ayudo?',
      options: [
        { id: 'orders', title: 'Mi pedido' },
        { id: 'hours', title: 'Horario' },
        { id: 'human', title: 'Hablar con alguien' },
      ],
      saveAs: 'tema',
    },
    { id: 'name', type: 'question', text: '¿Cómo te llamas?', saveTo: { kind: 'variable', key: 'nombre' } },
    {
      id: 'order',
      type: 'question',
      text: 'Gracias, {{nombre}}. ¿Número de pedido?',
      saveTo: { kind: 'variable', key: 'pedido' },
      validate: 'number',
    },
    { id: 'bye', type: 'end', text: 'El pedido {{pedido}} va en camino.' },
    { id: 'people', type: 'handoff', text: 'Te paso con el equipo.' },
  ],
  edges: [
    { id: '1', source: 'start', target: 'hello' },
    { id: '2', source: 'hello', target: 'menu' },
    { id: '3', source: 'menu', sourceHandle: 'option:orders', target: 'name' },
    { id: '4', source: 'menu', sourceHandle: 'option:hours', target: 'bye' },
    { id: '5', source: 'menu', sourceHandle: 'option:human', target: 'people' },
    { id: '6', source: 'name', target: 'order' },
    { id: '7', source: 'order', target: 'bye' },
    { id: '8', source: 'order', sourceHandle: 'invalid', target: 'people' },
  ],
  settings: { idleMinutes: 60 },
};

function parseOptions() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string' },
      think: { type: 'string' },
      rate: { type: 'string' },
      db: { type: 'string' },
      wait: { type: 'string' },
      start: { type: 'string' },
      profile: { type: 'string' },
      warmup: { type: 'string' },
    },
    strict: true,
  });
  const db = values.db ?? 'postgres';
  if (db !== 'postgres' && db !== 'pglite') throw new Error(`--db must be postgres or pglite, got ${db}`);
  const start = values.start ?? 'spread';
  if (start !== 'spread' && start !== 'burst')
    throw new Error(`--start must be spread or burst, got ${start}`);
  return {
    customers: positiveInt('customers', values.customers, 1_000),
    thinkMs: positiveInt('think', values.think, 2_000),
    rate: Math.min(1_000, positiveInt('rate', values.rate, 1_000)),
    db,
    waitSeconds: positiveInt('wait', values.wait, 300),
    start,
    /** Customers through the bot before the timed run (0: none). */
    warmup: values.warmup === '0' ? 0 : positiveInt('warmup', values.warmup, 300),
    /** PostgreSQL only: a directory for Charla's CPU profile (node --cpu-prof), written when it stops. */
    profile: values.profile ?? null,
  };
}

type Options = ReturnType<typeof parseOptions>;

async function publishBot(call: Call): Promise<void> {
  const created = await call<{ id: string }>('POST', '/api/flows', { name: 'Bench', draft: flow });
  if (created.status !== 201) throw new Error(`creating the bot failed: ${JSON.stringify(created.json)}`);
  const published = await call('POST', `/api/flows/${created.json.id}/publish`);
  if (published.status !== 200) throw new Error(`publishing failed: ${JSON.stringify(published.json)}`);
  const rule = await call('POST', '/api/automation/rules', {
    name: 'Hola',
    enabled: true,
    trigger: { type: 'message_received' },
    conditions: [{ type: 'keywords', keywords: ['hola'], mode: 'exact' }],
    actions: [{ type: 'start_flow', flowId: created.json.id }],
  });
  if (rule.status !== 201) throw new Error(`the rule failed: ${JSON.stringify(rule.json)}`);
}

interface Customer {
  waId: string;
  turn: number;
  /** When this turn's message went out (ms), and how many bot sends of the turn arrived. */
  sentAt: number;
  received: number;
  answerAt: number | null;
}

/**
 * Where a later turn's time goes, from the bot's reply as stored (messages.created_at, this
 * machine's clock like the bench's): `pipeline` from the customer's webhook to the reply stored
 * (ingest, automation worker, bot step), `outbox` from stored to accepted by the simulator (the
 * number's sender: its pacer at the number's rate, and the Graph call).
 */
async function stageSplit(
  url: string,
  firsts: { wamid: string; sentAt: number; atMs: number; later: boolean }[],
): Promise<Record<string, number>> {
  const later = firsts.filter((f) => f.later);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ external_id: string; created_ms: string }>(
      `SELECT external_id, (extract(epoch FROM created_at) * 1000)::bigint AS created_ms
         FROM messages WHERE external_id = ANY($1::text[])`,
      [later.map((f) => f.wamid)],
    );
    const storedAt = new Map(rows.map((r) => [r.external_id, Number(r.created_ms)]));
    const pipeline: number[] = [];
    const outbox: number[] = [];
    for (const f of later) {
      const stored = storedAt.get(f.wamid);
      if (stored === undefined) continue;
      pipeline.push(stored - f.sentAt);
      outbox.push(f.atMs - stored);
    }
    pipeline.sort((a, b) => a - b);
    outbox.sort((a, b) => a - b);
    return {
      later_pipeline_ms_p50: round(percentile(pipeline, 50)),
      later_pipeline_ms_p95: round(percentile(pipeline, 95)),
      later_outbox_ms_p50: round(percentile(outbox, 50)),
      later_outbox_ms_p95: round(percentile(outbox, 95)),
    };
  } finally {
    await client.end();
  }
}

async function main() {
  const opts = parseOptions();
  const dataDir = mkdtempSync(join(tmpdir(), 'charla-bench-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  let exitCode = 0;
  try {
    const port = await freePort();
    const { simulator, url: simulatorUrl } = await startNumberSimulator({
      mps: opts.rate,
      charlaPort: port,
      pairRateLimit: false,
    });
    cleanups.push(() => simulator.close());
    let baseUrl: string;
    let databaseUrl: string | null = null;
    let cpu: ReturnType<typeof cpuMeter>;
    if (opts.db === 'postgres') {
      const database = await createPgDatabase();
      // CHARLA_BENCH_KEEP_DB=1 leaves the database for a look afterwards (drop it by hand).
      if (!process.env.CHARLA_BENCH_KEEP_DB) cleanups.push(database.drop);
      log(`database ${database.name}`);
      databaseUrl = database.url;
      const charla = await startCharlaProcess(
        charlaProcessEnv({ dataDir, databaseUrl: database.url, simulatorUrl }),
        port,
        opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`] : [],
      );
      cleanups.push(() => charla.stop());
      baseUrl = charla.url;
      // PostgreSQL's backends for Charla's database: on two cores the three processes share them.
      const meterClient = new pg.Client({ connectionString: database.url });
      await meterClient.connect();
      cleanups.push(() => meterClient.end());
      cpu = cpuMeter({ charlaPid: charla.child.pid, pg: { client: meterClient, database: database.name } });
      log(`Charla is up (pid ${charla.child.pid}) on PostgreSQL ${database.name}`);
    } else {
      if (opts.profile) throw new Error('--profile needs --db postgres (Charla as its own process)');
      const charla = await startCharlaInProcess({
        dataDir,
        logger: {
          info() {},
          warn: (o: unknown) => log(`warn ${JSON.stringify(o)}`),
          error: (o: unknown) => log(`error ${JSON.stringify(o)}`),
        },
        workers: true,
        port,
        env: numberEnv(simulatorUrl),
      });
      cleanups.push(charla.close);
      baseUrl = charla.address;
      cpu = cpuMeter({});
      log('Charla is up in this process on PGlite');
    }
    const { call } = await signUpOwner(baseUrl);
    await setNumberRate(call, await channelIdOf(call), opts.rate);
    await publishBot(call);

    if (opts.warmup > 0) {
      // A server that has run a while: its hot code compiled, its pools and caches warm. The
      // warm-up customers go through the same bot first and are not counted.
      const warm = await drive(simulator, opts, opts.warmup, '5215588');
      log(`warm-up: ${warm.done} of ${opts.warmup} customers through the bot`);
      await sleep(2_000);
    }
    const started = Date.now();
    const cpuBefore = await cpu();
    const { customers, latencies, firstTurn, laterTurns, extra, firsts, done } = await drive(
      simulator,
      opts,
      opts.customers,
      '5215599',
    );
    const seconds = (Date.now() - started) / 1000;
    // When the backlog builds and drains: each second's turns by when the customer wrote.
    log(`turns by the second the customer wrote (p50/p95 ms): ${bySecond(firsts, started)}`);
    const split = databaseUrl ? await stageSplit(databaseUrl, firsts) : null;
    // Sends Meta accepted in each second of the run: how close the bot came to the number's rate.
    const perSecond = new Map<number, number>();
    for (const s of simulator.acceptedSends({ phoneNumberId: NUMBER.phoneNumberId, sinceMs: started - 1 })) {
      const second = Math.floor((s.atMs - started) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    const sendsPerSecond = [...perSecond.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
    log(`sends a second: ${sendsPerSecond.join(' ')}`);
    const cpuAfter = await cpu();
    const used = {
      charla_s: round(cpuAfter.charla - cpuBefore.charla),
      bench_and_simulator_s: round(cpuAfter.bench - cpuBefore.bench),
      ...(databaseUrl ? { postgres_s: round(cpuAfter.postgres - cpuBefore.postgres) } : {}),
    };
    latencies.sort((a, b) => a - b);
    firstTurn.sort((a, b) => a - b);
    laterTurns.sort((a, b) => a - b);
    const p95 = percentile(latencies, 95);
    const result = {
      bench: 'bots',
      db: opts.db,
      customers: opts.customers,
      think_ms: opts.thinkMs,
      start: opts.start,
      turns: latencies.length,
      completed: done,
      repeated_sends: extra.length,
      seconds: round(seconds),
      reply_ms_p50: round(percentile(latencies, 50)),
      reply_ms_p95: round(p95),
      reply_ms_p99: round(percentile(latencies, 99)),
      reply_ms_max: round(latencies.at(-1) ?? 0),
      first_turn_ms_p50: round(percentile(firstTurn, 50)),
      first_turn_ms_p95: round(percentile(firstTurn, 95)),
      later_turns_ms_p50: round(percentile(laterTurns, 50)),
      later_turns_ms_p95: round(percentile(laterTurns, 95)),
      later_turns_ms_p99: round(percentile(laterTurns, 99)),
      // A burst's first turn (2 sends per customer) leaves at the number's rate: its floor, in ms.
      first_turn_rate_floor_ms:
        opts.start === 'burst' ? round(((opts.customers * TURNS[0].sends) / opts.rate) * 1000) : 0,
      // The busiest second's sends against the number's rate: at the rate, sends queue for it.
      sends_per_s_peak: Math.max(0, ...sendsPerSecond),
      sends_per_s_ceiling: opts.rate,
      target_p95_ms: TARGET_P95_MS,
      target_met: p95 < TARGET_P95_MS,
      ...(split ?? {}),
      cpu: used,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    const stuck = [...customers.values()].filter((c) => c.turn < TURNS.length);
    for (const c of stuck.slice(0, 10))
      log(
        `stuck: ${c.waId} at turn ${c.turn}, ${c.received} of its sends, answer due ${c.answerAt ? 'yes' : 'no'}`,
      );
    if (done < opts.customers || extra.length > 0) {
      log(
        `${opts.customers - done} customers did not get through; ${extra.length} sends beyond what a turn asks`,
      );
      exitCode = 1;
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => log(`cleanup: ${err}`));
  }
  process.exit(exitCode);
}

function bySecond(firsts: { sentAt: number; atMs: number }[], started: number): string {
  const seconds = new Map<number, number[]>();
  for (const f of firsts) {
    const second = Math.floor((f.sentAt - started) / 1000);
    seconds.set(second, [...(seconds.get(second) ?? []), f.atMs - f.sentAt]);
  }
  return [...seconds.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([second, ms]) => {
      ms.sort((a, b) => a - b);
      return `${second}s ${round(percentile(ms, 50))}/${round(percentile(ms, 95))}`;
    })
    .join(' · ');
}

/** Customers `prefix`000000.. through the bot, all starting within `--think` ms; each turn timed. */
async function drive(
  simulator: Awaited<ReturnType<typeof startNumberSimulator>>['simulator'],
  opts: Options,
  count: number,
  prefix: string,
) {
  const customers = new Map<string, Customer>();
  for (let i = 0; i < count; i++) {
    const waId = `${prefix}${String(i).padStart(6, '0')}`;
    customers.set(waId, { waId, turn: 0, sentAt: 0, received: 0, answerAt: null });
  }
  const latencies: number[] = [];
  /** The first turn (every customer at once, two sends each) apart from the conversation that follows. */
  const firstTurn: number[] = [];
  const laterTurns: number[] = [];
  const extra: string[] = [];
  /** Each turn's first bot send: for the split between Charla's pipeline and the number's pacer. */
  const firsts: { wamid: string; sentAt: number; atMs: number; later: boolean }[] = [];
  const write = (c: Customer, text: string) => {
    c.sentAt = Date.now();
    c.received = 0;
    c.answerAt = null;
    simulator.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId: c.waId,
      name: `Cliente ${c.waId.slice(-4)}`,
      text,
    });
  };
  const started = Date.now();
  // Spread: 1,000 people do not write in the same millisecond; their first message comes as
  // their answers do. Burst: all at once, whose first turn has the number's rate as its floor.
  for (const c of customers.values())
    if (opts.start === 'burst') write(c, 'hola');
    else c.answerAt = started + Math.random() * opts.thinkMs;
  log(`${count} customers write "hola" (${opts.start})`);

  // A send's time is taken when Meta starts on it and logged when it answers: the log is not in
  // time order within a few ms. Read back a second and skip what was counted.
  let since = 0;
  const counted = new Set<string>();
  let done = 0;
  const deadline = Date.now() + opts.waitSeconds * 1000;
  while (done < count && Date.now() < deadline) {
    const sends = simulator.acceptedSends({ phoneNumberId: NUMBER.phoneNumberId, sinceMs: since - 1_000 });
    for (const s of sends) {
      if (counted.has(s.wamid)) continue;
      counted.add(s.wamid);
      since = Math.max(since, s.atMs);
      const c = customers.get(s.waId);
      if (!c) continue;
      const turn = TURNS[c.turn];
      if (!turn || c.received >= turn.sends) {
        extra.push(c.waId);
        continue;
      }
      if (c.received === 0) {
        firsts.push({ wamid: s.wamid, sentAt: c.sentAt, atMs: s.atMs, later: c.turn > 0 });
        latencies.push(s.atMs - c.sentAt);
        (c.turn === 0 ? firstTurn : laterTurns).push(s.atMs - c.sentAt);
      }
      c.received++;
      if (c.received === turn.sends) {
        c.turn++;
        if (c.turn >= TURNS.length) done++;
        else c.answerAt = Date.now() + Math.random() * opts.thinkMs;
      }
    }
    const now = Date.now();
    for (const c of customers.values())
      if (c.answerAt !== null && c.answerAt <= now) write(c, TURNS[c.turn]!.answer ?? 'hola');
    await sleep(5);
  }
  return { customers, latencies, firstTurn, laterTurns, extra, firsts, done };
}

main().catch((err) => {
  log(String(err?.stack ?? err));
  process.exit(1);
});
