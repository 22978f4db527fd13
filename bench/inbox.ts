/**
 * Inbox read latency on a large workspace, through real HTTP.
 *
 *   npx tsx bench/inbox.ts [--conversations 100000] [--messages 2000000] [--requests 200]
 *
 * Creates a fresh PostgreSQL database (CHARLA_BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres, 127.0.0.1 only), starts Charla in this process on
 * it, signs up the owner through `POST /api/setup` (session cookie), and seeds one workspace with
 * the given conversations and messages inside the database (INSERT ... SELECT over
 * generate_series; Spanish and English text from a word list, so full-text search has work to
 * do). Then it times, one request at a time: the conversation list (50 a page, walking pages,
 * without and with filters), opening a thread, and a full-text search. Progress goes to stderr;
 * the result is one JSON line on stdout. The database is dropped at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { saveChannel } from '@charla/server/src/modules/channels/save-channel';
import pg from 'pg';
import { createPgDatabase, startCharlaInProcess } from './start-charla';
import { percentile, positiveInt, round } from './util';

const log = (msg: string) => process.stderr.write(`[bench:inbox] ${msg}\n`);
const CHUNK_CONVERSATIONS = 10_000;

/** Targets from issue 4 (p95, milliseconds). */
const TARGETS = { list: 50, list_filtered: 50, thread: 50, search: 200 } as const;

const SPANISH = `hola buenos días tardes gracias quiero comprar zapatos zapato camisa pantalón vestido talla
  color rojo azul verde negro blanco precio envío enviar pedido pedidos pago pagar tarjeta transferencia
  factura devolución devolver cambio tienda sucursal horario abren mañana hoy cuándo llega llegó paquete
  dirección entrega entregar disponible agotado descuento oferta promoción garantía reparación problema
  ayuda cuenta contraseña cita reservar mesa domicilio cobro reembolso catálogo modelo número gracias`;
const ENGLISH = `hello good morning thanks want buy shoes shirt trousers dress size color red blue green black
  white price shipping shipped ship order orders payment pay card transfer invoice refund return exchange
  store branch hours open tomorrow today when arrive arrived package address delivery deliver available
  sold out discount offer promotion warranty repair problem help account password appointment booking
  table home charge catalog model number please`;

/**
 * What the search requests ask for: stems, phrases, `or`, `-`, both languages. Every word of the
 * seeded text is frequent (a small word list), so most searches match hundreds of thousands of
 * messages and are answered newest first from the (workspace, time) index.
 */
const SEARCHES = [
  'zapato',
  'envío',
  'enviar pedido',
  'devolución tarjeta',
  'shipping',
  'refunds',
  'order arrived',
  '"buy shoes"',
  'garantía -reparación',
  'contraseña or password',
  'pedidos azules',
  'warranty repair',
  // Words the seeded text never uses: answered from the GIN index alone.
  'reembolso urgente',
  'tracking number',
];

const FILTERS = [
  'status=open',
  'status=pending',
  'window=open',
  'unread=true',
  'status=open&unread=true',
  'window=closed&status=open',
  'assignee=none&status=open',
];

function parseOptions() {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string' },
      messages: { type: 'string' },
      requests: { type: 'string' },
    },
    strict: true,
  });
  const conversations = positiveInt('conversations', values.conversations, 100_000);
  const messages = positiveInt('messages', values.messages, 2_000_000);
  if (messages % conversations !== 0) throw new Error('--messages must be a multiple of --conversations');
  return { conversations, messages, requests: positiveInt('requests', values.requests, 200) };
}

const words = (list: string) => list.split(/\s+/).filter(Boolean);
const sqlArray = (list: string[]) => `ARRAY[${list.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}]`;

/** Seeds in the database itself; returns how long each step took (seconds). */
async function seed(
  db: pg.Client,
  ids: { workspaceId: string; channelIds: string[]; ownerId: string },
  opts: { conversations: number; messages: number },
) {
  const timings: Record<string, number> = {};
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    timings[name] = Math.round(performance.now() - t0) / 1000;
    log(`${name}: ${timings[name]} s`);
  };
  const perConversation = opts.messages / opts.conversations;

  // Secondary indexes of messages are built once after the load: far faster than row by row.
  const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = 'messages' AND indexname NOT LIKE '%_pkey'
        AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
  );
  await db.query(`SET maintenance_work_mem = '256MB'`);
  for (const i of indexes) await db.query(`DROP INDEX ${i.indexname}`);

  await step('contacts', () =>
    db.query(
      `INSERT INTO contacts (workspace_id, wa_id, phone, name, profile_name)
       SELECT $1, (5215500000000 + i)::text, '+' || (5215500000000 + i)::text,
              (ARRAY['Lucía','Mateo','Sofía','John','Emily','Diego','Valentina','Carlos','Sarah','Pedro'])[1 + i % 10]
                || ' ' || (ARRAY['García','López','Smith','Martínez','Brown','Hernández','Pérez'])[1 + (i / 10) % 7],
              NULL
         FROM generate_series(1, $2::int) i`,
      [ids.workspaceId, opts.conversations],
    ),
  );
  // Activity spread over 90 days (about 1% inside the 24-hour window); 10% unread; statuses and
  // assignment mixed like a working inbox.
  await step('conversations', () =>
    db.query(
      `INSERT INTO conversations (workspace_id, channel_id, contact_id, status, last_inbound_at,
                                  last_activity_at, unread_count, assignee_user_id, created_at)
       SELECT $1, ($2::uuid[])[1 + (s.n % array_length($2::uuid[], 1))::int], s.id, s.status,
              s.at - interval '2 minutes', s.at, s.unread, s.assignee, s.at - interval '3 days'
         FROM (SELECT ct.id, row_number() OVER () AS n, now() - random() * interval '90 days' AS at,
                      (ARRAY['open','open','open','open','open','pending','pending','resolved','resolved','snoozed'])
                        [1 + floor(random() * 10)::int] AS status,
                      CASE WHEN random() < 0.1 THEN 1 + floor(random() * 5)::int ELSE 0 END AS unread,
                      CASE WHEN random() < 0.3 THEN $3::uuid END AS assignee
                 FROM contacts ct WHERE ct.workspace_id = $1) s`,
      [ids.workspaceId, ids.channelIds, ids.ownerId],
    ),
  );
  const es = words(SPANISH);
  const en = words(ENGLISH);
  await step('messages', async () => {
    for (let offset = 0; offset < opts.conversations; offset += CHUNK_CONVERSATIONS) {
      const t0 = performance.now();
      // 60% of customers write Spanish, 40% English; 6 to 14 words a message.
      await db.query(
        `WITH conv AS (
           SELECT id, channel_id, last_activity_at, (hashtext(id::text) % 10 + 10) % 10 < 6 AS es
             FROM conversations WHERE workspace_id = $1 ORDER BY id OFFSET $2 LIMIT $3)
         INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content,
                               status, external_id, occurred_at)
         SELECT $1, c.id, c.channel_id, d.direction, 'text', t.body,
                jsonb_build_object('type', 'text', 'body', t.body),
                CASE WHEN d.direction = 'outbound' THEN 'read' END,
                'wamid.bench.' || c.id || '.' || k,
                c.last_activity_at - (($4::int - k) * interval '7 minutes')
           FROM conv c
           CROSS JOIN generate_series(1, $4::int) k
           CROSS JOIN LATERAL (SELECT CASE WHEN k % 2 = 1 THEN 'inbound' ELSE 'outbound' END AS direction) d
           CROSS JOIN LATERAL (
             SELECT string_agg(
                      CASE WHEN c.es THEN (${sqlArray(es)})[1 + floor(random() * ${es.length})::int + 0 * g]
                           ELSE (${sqlArray(en)})[1 + floor(random() * ${en.length})::int + 0 * g] END, ' ') AS body
               FROM generate_series(1, 6 + (k * 7 + length(c.id::text)) % 9) g) t`,
        [ids.workspaceId, offset, CHUNK_CONVERSATIONS, perConversation],
      );
      const done = Math.min(opts.conversations, offset + CHUNK_CONVERSATIONS);
      log(
        `  messages of ${done}/${opts.conversations} conversations (${((performance.now() - t0) / 1000).toFixed(1)} s this chunk)`,
      );
    }
  });
  await step('indexes', async () => {
    for (const i of indexes) await db.query(i.indexdef);
  });
  await step('analyze', () => db.query('VACUUM ANALYZE contacts, conversations, messages'));
  return timings;
}

async function main() {
  const opts = parseOptions();
  const dataDir = mkdtempSync(join(tmpdir(), 'charla-bench-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  let exitCode = 0;
  try {
    const created = await createPgDatabase();
    cleanups.push(created.drop);
    log(`created database ${new URL(created.url).pathname.slice(1)}`);
    const quiet = {
      info() {},
      warn() {},
      error: (o: unknown, m?: string) => log(`server error: ${m ?? ''} ${o}`),
    };
    const charla = await startCharlaInProcess({ dataDir, databaseUrl: created.url, logger: quiet });
    cleanups.push(charla.close);
    const { container, address } = charla;

    const setup = await fetch(`${address}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspaceName: 'Bench',
        name: 'Owner',
        email: 'owner@bench.test',
        password: 'bench password 1234',
      }),
    });
    if (!setup.ok) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = (await setup.json()) as { user: { id: string }; workspace: { id: string } };

    const channelIds: string[] = [];
    for (const n of [1, 2]) {
      const channel = await saveChannel(
        { db: container.db, clock: container.clock, secrets: container.secrets },
        {
          workspaceId: me.workspace.id,
          kind: 'cloud',
          name: `Bench ${n}`,
          phoneNumberId: `10000000000000${n}`,
          displayPhoneNumber: `1555000000${n}`,
          wabaId: '200000000000001',
          graphBaseUrl: 'http://127.0.0.1:9',
          graphVersion: 'v26.0',
          accessToken: 'x'.repeat(40),
          appSecret: 'bench-app-secret-0123456789abcdef',
          verifyToken: `bench-verify-${n}`,
        },
      );
      channelIds.push(channel);
    }

    const db = new pg.Client({ connectionString: created.url });
    await db.connect();
    cleanups.push(() => db.end());
    log(`seeding ${opts.conversations} conversations and ${opts.messages} messages`);
    const seedStarted = performance.now();
    const seedTimings = await seed(
      db,
      { workspaceId: me.workspace.id, channelIds, ownerId: me.user.id },
      opts,
    );
    const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
    const { rows: sizes } = await db.query<{ conversations: number; messages: number; db_mb: number }>(
      `SELECT (SELECT count(*)::int FROM conversations) AS conversations,
              (SELECT count(*)::int FROM messages) AS messages,
              round(pg_database_size(current_database()) / 1048576.0)::int AS db_mb`,
    );
    log(`seeded in ${seedSeconds} s: ${JSON.stringify(sizes[0])}`);
    const { rows: sample } = await db.query<{ id: string }>(
      `SELECT id FROM conversations ORDER BY random() LIMIT $1`,
      [opts.requests],
    );

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(async () => agent.destroy());
    const get = (path: string) =>
      new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
        const t0 = performance.now();
        http
          .get(`${address}${path}`, { agent, headers: { cookie } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                ms: performance.now() - t0,
              }),
            );
          })
          .on('error', reject);
      });

    const measure = async (name: string, pathOf: (i: number, last: string) => string) => {
      const times: number[] = [];
      let last = '';
      let items = 0;
      for (let i = -10; i < opts.requests; i++) {
        const res = await get(pathOf(Math.max(i, 0), last));
        if (res.status !== 200) throw new Error(`${name}: ${res.status} ${res.body.slice(0, 300)}`);
        last = res.body;
        if (i >= 0) {
          times.push(res.ms);
          const body = JSON.parse(res.body) as { items?: unknown[]; messages?: unknown[] };
          items += body.items?.length ?? body.messages?.length ?? 0;
        }
      }
      times.sort((a, b) => a - b);
      const stats = {
        p50_ms: round(percentile(times, 50), 2),
        p95_ms: round(percentile(times, 95), 2),
        max_ms: round(times.at(-1) ?? 0, 2),
        avg_items: round(items / opts.requests, 1),
      };
      log(`${name}: ${JSON.stringify(stats)}`);
      return stats;
    };
    const cursorOf = (body: string) =>
      body ? (JSON.parse(body) as { nextCursor?: string }).nextCursor : null;

    // Walks five pages deep, then starts over from the first page.
    const list = await measure('list', (i, last) => {
      const cursor = i % 5 === 0 ? null : cursorOf(last);
      return `/api/conversations${cursor ? `?cursor=${cursor}` : ''}`;
    });
    const listFiltered = await measure('list_filtered', (i, last) => {
      const filter = FILTERS[Math.floor(i / 2) % FILTERS.length]!;
      const cursor = i % 2 === 0 ? null : cursorOf(last);
      return `/api/conversations?${filter}${cursor ? `&cursor=${cursor}` : ''}`;
    });
    const thread = await measure('thread', (i) => `/api/conversations/${sample[i % sample.length]!.id}`);
    const search = await measure(
      'search',
      (i) => `/api/search?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length]!)}`,
    );

    const result = {
      bench: 'inbox',
      db: 'postgres',
      conversations: sizes[0]?.conversations,
      messages: sizes[0]?.messages,
      db_mb: sizes[0]?.db_mb,
      seed_seconds: seedSeconds,
      seed_steps_s: seedTimings,
      requests: opts.requests,
      list,
      list_filtered: listFiltered,
      thread,
      search,
      targets_p95_ms: TARGETS,
      targets_met:
        list.p95_ms < TARGETS.list &&
        listFiltered.p95_ms < TARGETS.list_filtered &&
        thread.p95_ms < TARGETS.thread &&
        search.p95_ms < TARGETS.search,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (err) {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    exitCode = 1;
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch((err) => log(`cleanup failed: ${err}`));
  }
  process.exit(exitCode);
}

void main();
