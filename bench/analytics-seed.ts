/**
 * The history bench/analytics.ts reports on, written with set-based SQL in one session (temporary
 * tables): contacts, conversations over the last 90 days across the numbers, their messages
 * (customers, agents, automation, broadcasts), the changes of status, assignee and team, and the
 * waits in the queue. Conversations come back as cycles: a customer writes, agents answer, it is
 * resolved, and some customers write again days later.
 */
import type pg from 'pg';

export interface SeedOptions {
  workspaceId: string;
  channelIds: string[];
  /** Agents' ids and, at the same index, their team (null: none). */
  agentIds: string[];
  agentTeamIds: (string | null)[];
  contacts: number;
  conversations: number;
  /** Messages wanted in all; each conversation gets about messages / conversations. */
  messages: number;
  days: number;
}

export interface SeedCounts {
  contacts: number;
  conversations: number;
  messages: number;
  conversation_events: number;
  conversation_queue_waits: number;
}

const IN_TEXTS = [
  'Hola, ¿tenéis esta talla en azul?',
  '¿Cuándo llega mi pedido?',
  'Quiero cambiar la dirección de entrega',
  'Gracias!',
  '¿Hacéis envíos a Canarias?',
  'El paquete llegó roto',
  'Vale, perfecto',
  '¿Puedo pagar contra reembolso?',
];
const OUT_TEXTS = [
  'Hola, te ayudo enseguida',
  'Tu pedido sale mañana',
  'Te mando el enlace de seguimiento',
  'Sí, la tenemos en azul',
  'Lo siento mucho, lo cambiamos sin coste',
  '¿Me pasas el número de pedido?',
  'Listo, ya está cambiada',
  'Gracias a ti, ¡buen día!',
];

/** Seeds the history; `log` gets each step's time. */
export async function seedAnalytics(
  client: pg.Client,
  o: SeedOptions,
  log: (msg: string) => void,
): Promise<SeedCounts> {
  const step = async (name: string, text: string, params: unknown[] = []) => {
    const t0 = performance.now();
    const res = await client.query(text, params);
    log(
      `seed: ${name} ${((performance.now() - t0) / 1000).toFixed(1)} s${res.rowCount ? ` (${res.rowCount} rows)` : ''}`,
    );
  };
  const perConversation = o.messages / o.conversations;
  // Sorts and hashes of a few million planned rows stay in memory.
  await client.query(`SET work_mem = '256MB'`);
  // Each conversation's number, contact (a contact has at most one conversation per number),
  // agent (some carry more than others), cycles and messages.
  await step(
    'contacts',
    `INSERT INTO contacts (workspace_id, wa_id, phone, name, created_at)
     SELECT $1, '346' || lpad(i::text, 8, '0'), '+346' || lpad(i::text, 8, '0'), 'Cliente ' || i,
            now() - make_interval(days => $3 + 10)
       FROM generate_series(0, $2 - 1) AS i`,
    [o.workspaceId, o.contacts, o.days],
  );
  await step(
    'plan conversations',
    `CREATE TEMP TABLE bconv AS
     SELECT i, gen_random_uuid() AS id, ($3::uuid[])[1 + i / $2] AS channel_id, c.id AS contact_id,
            a AS agent_no, CASE WHEN random() < 0.15 THEN NULL ELSE ($4::uuid[])[1 + a] END AS team_id,
            CASE WHEN r < 0.6 THEN 1 WHEN r < 0.85 THEN 2 ELSE 3 END AS ncyc,
            greatest(6, round($5 * (0.5 + random()))::int) AS nmsg,
            random() < 0.05 AS from_ad
       FROM (SELECT i, random() AS r, floor(power(random(), 1.4) * $6)::int AS a
               FROM generate_series(0, $1 - 1) AS i) g
       JOIN (SELECT id, row_number() OVER (ORDER BY wa_id) - 1 AS k FROM contacts WHERE workspace_id = $7) c
         ON c.k = g.i % $2`,
    [
      o.conversations,
      o.contacts,
      o.channelIds,
      o.agentTeamIds,
      perConversation,
      o.agentIds.length,
      o.workspaceId,
    ],
  );
  if (o.conversations > o.contacts * o.channelIds.length)
    throw new Error('more conversations than contacts × numbers: a contact has one conversation per number');
  // Each message's cycle, position in it, sender and the seconds since the message before.
  await step(
    'plan messages',
    `CREATE TEMP TABLE bmsg AS
     SELECT i, j, cyc, role,
            sum(CASE WHEN j = 0 THEN 0
                     WHEN p = 0 THEN 7200 + random() * 4 * 86400
                     WHEN role = 'in' THEN 5 + power(random(), 2) * 900
                     WHEN role = 'agent' THEN CASE WHEN random() < 0.1 THEN 7200 + random() * 64800
                                                   ELSE 15 * power(400, random()) END
                     WHEN role = 'auto' THEN 1 + random() * 4
                     ELSE 60 + random() * 3600 END) OVER (PARTITION BY i ORDER BY j) AS off
       FROM (SELECT c.i, j, cyc, j - (cyc * c.nmsg + c.ncyc - 1) / c.ncyc AS p,
                    CASE WHEN j - (cyc * c.nmsg + c.ncyc - 1) / c.ncyc = 0 THEN 'in'
                         WHEN r < 0.45 THEN 'in' WHEN r < 0.88 THEN 'agent' WHEN r < 0.95 THEN 'auto'
                         ELSE 'other' END AS role
               FROM bconv c, generate_series(0, c.nmsg - 1) AS j,
                    LATERAL (SELECT (j * c.ncyc) / c.nmsg AS cyc, random() AS r) x) m`,
  );
  // When each conversation starts: a span that ends before now, more often in the day than at night.
  await step(
    'place conversations',
    `CREATE TEMP TABLE bstart AS
     SELECT c.i, s.last_in, least(now() - make_interval(secs => s.span + 600),
                       (date(t AT TIME ZONE 'Europe/Madrid')
                          + make_interval(secs => CASE WHEN random() < 0.8 THEN 8 * 3600 + random() * 13 * 3600
                                                       ELSE random() * 86400 END)) AT TIME ZONE 'Europe/Madrid') AS at
       FROM bconv c
       JOIN (SELECT i, max(off) AS span, max(off) FILTER (WHERE role = 'in') AS last_in FROM bmsg GROUP BY i) s
         ON s.i = c.i,
       LATERAL (SELECT now() - make_interval(days => $1)
                       + random() * greatest(interval '0', make_interval(days => $1) - make_interval(secs => s.span))
                       AS t) x`,
    [o.days],
  );
  await client.query('CREATE INDEX ON bstart (i)');
  // Each cycle: its first and last message, its agent (some change hands when the customer comes
  // back), whether it was resolved (every one but some last ones), queued, or paused.
  await step(
    'plan cycles',
    `CREATE TEMP TABLE bcyc AS
     SELECT m.i, m.cyc, c.ncyc, s.at + make_interval(secs => min(m.off)) AS first_at,
            s.at + make_interval(secs => max(m.off)) AS last_at,
            CASE WHEN m.cyc > 0 AND random() < 0.3 THEN (c.agent_no + 1) % $1 ELSE c.agent_no END AS agent_no,
            m.cyc < c.ncyc - 1 OR random() < 0.75 AS resolved,
            random() AS r, 5 + power(random(), 2) * 1200 AS wait_s, 60 + random() * 3540 AS resolve_s
       FROM bmsg m JOIN bconv c ON c.i = m.i JOIN bstart s ON s.i = m.i
      GROUP BY m.i, m.cyc, c.ncyc, c.agent_no, s.at`,
    [o.agentIds.length],
  );
  await client.query('CREATE INDEX ON bcyc (i, cyc)');
  await client.query('ANALYZE bconv; ANALYZE bmsg; ANALYZE bstart; ANALYZE bcyc');
  // Waiting now: a conversation of one unresolved cycle nobody took yet.
  const waiting = `(y.ncyc = 1 AND NOT y.resolved AND y.r < 0.15)`;
  await step(
    'conversations',
    `INSERT INTO conversations (id, workspace_id, channel_id, contact_id, status, assignee_user_id, team_id,
                                last_inbound_at, last_activity_at, queued_at, created_at)
     SELECT c.id, $1, c.channel_id, c.contact_id,
            CASE WHEN y.resolved THEN 'resolved' WHEN y.r < 0.3 THEN 'pending' ELSE 'open' END,
            CASE WHEN ${waiting} THEN NULL ELSE ($2::uuid[])[1 + y.agent_no] END, c.team_id,
            s.at + make_interval(secs => s.last_in),
            y.last_at, CASE WHEN ${waiting} THEN y.first_at END, s.at
       FROM bconv c JOIN bstart s ON s.i = c.i JOIN bcyc y ON y.i = c.i AND y.cyc = c.ncyc - 1`,
    [o.workspaceId, o.agentIds],
  );
  await step(
    'messages',
    `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, external_id,
                           referral, status, sender_user_id, automated_by, occurred_at, created_at)
     SELECT $1, c.id, c.channel_id, CASE WHEN m.role = 'in' THEN 'inbound' ELSE 'outbound' END, 'text', x.body,
            jsonb_build_object('type', 'text', 'body', x.body), 'wamid.bench.' || m.i || '.' || m.j,
            CASE WHEN m.j = 0 AND c.from_ad
                 THEN jsonb_build_object('source_id', '1202' || (m.i % 7), 'source_type', 'ad') END,
            CASE WHEN m.role <> 'in' THEN 'read' END,
            CASE WHEN m.role = 'agent' THEN ($2::uuid[])[1 + CASE WHEN (m.i + m.j) % 10 = 0
                                                               THEN (y.agent_no + 2) % $3 ELSE y.agent_no END] END,
            CASE WHEN m.role = 'auto' THEN '{"kind":"rule","id":"bench-rule","name":"Bienvenida"}'::jsonb END,
            s.at + make_interval(secs => m.off), s.at + make_interval(secs => m.off)
       FROM bmsg m JOIN bconv c ON c.i = m.i JOIN bstart s ON s.i = m.i JOIN bcyc y ON y.i = m.i AND y.cyc = m.cyc,
            LATERAL (SELECT CASE WHEN m.role = 'in' THEN ($4::text[])[1 + (m.i + m.j) % 8]
                                 ELSE ($5::text[])[1 + (m.i + m.j) % 8] END AS body) x`,
    [o.workspaceId, o.agentIds, o.agentIds.length, IN_TEXTS, OUT_TEXTS],
  );
  // The changes, in time order (their seq is the order a refresh reads them in).
  await step(
    'conversation events',
    `INSERT INTO conversation_events (workspace_id, conversation_id, actor_user_id, kind, from_value, to_value, occurred_at)
     SELECT $1, c.id, e.actor, e.kind, e.from_value, e.to_value, e.at
       FROM bcyc y JOIN bconv c ON c.i = y.i
       LEFT JOIN bcyc p ON p.i = y.i AND p.cyc = y.cyc - 1,
       LATERAL (VALUES
         -- The team, when it has one, as the conversation opens.
         (y.cyc = 0 AND c.team_id IS NOT NULL, NULL::uuid, 'team', NULL, c.team_id::text, y.first_at + interval '1 second'),
         -- A customer writing to a resolved conversation opens it again.
         (y.cyc > 0, NULL, 'status', 'resolved', 'open', y.first_at),
         -- Taken from the queue, or handed to another agent when the customer comes back.
         (NOT ${waiting} AND (y.cyc = 0 OR y.agent_no <> p.agent_no), NULL, 'assignee',
          ($2::uuid[])[1 + p.agent_no]::text, ($2::uuid[])[1 + y.agent_no]::text,
          y.first_at + make_interval(secs => y.wait_s)),
         -- Waiting on the customer a while, then open again.
         (y.resolved AND y.r < 0.1, ($2::uuid[])[1 + y.agent_no], 'status', 'open', 'pending',
          y.first_at + (y.last_at - y.first_at) / 2),
         (y.resolved AND y.r < 0.1, NULL, 'status', 'pending', 'open',
          y.first_at + (y.last_at - y.first_at) * 3 / 4),
         (NOT y.resolved AND y.r < 0.3, ($2::uuid[])[1 + y.agent_no], 'status', 'open', 'pending',
          y.last_at + interval '1 minute'),
         (y.resolved, ($2::uuid[])[1 + y.agent_no], 'status', 'open', 'resolved',
          y.last_at + make_interval(secs => y.resolve_s))
       ) AS e(keep, actor, kind, from_value, to_value, at)
      WHERE e.keep
      ORDER BY e.at`,
    [o.workspaceId, o.agentIds],
  );
  await step(
    'queue waits',
    `INSERT INTO conversation_queue_waits (workspace_id, conversation_id, team_id, queued_at, assigned_at, waited_ms,
                                           assigned_by, assignee_user_id)
     SELECT $1, c.id, c.team_id, y.first_at, y.first_at + make_interval(secs => y.wait_s),
            round(y.wait_s * 1000)::bigint, 'queue', ($2::uuid[])[1 + y.agent_no]
       FROM bcyc y JOIN bconv c ON c.i = y.i
      WHERE y.cyc = 0 AND NOT ${waiting} AND c.team_id IS NOT NULL`,
    [o.workspaceId, o.agentIds],
  );
  await client.query('DROP TABLE bconv, bmsg, bstart, bcyc');
  const t0 = performance.now();
  await client.query(
    'VACUUM ANALYZE contacts, conversations, messages, conversation_events, conversation_queue_waits',
  );
  log(`seed: vacuum analyze ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { rows } = await client.query<SeedCounts>(
    `SELECT (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM conversations)::int AS conversations,
            (SELECT count(*) FROM messages)::int AS messages,
            (SELECT count(*) FROM conversation_events)::int AS conversation_events,
            (SELECT count(*) FROM conversation_queue_waits)::int AS conversation_queue_waits`,
  );
  return rows[0]!;
}

/**
 * `n` more messages as the next minutes bring them: customers writing again to recent
 * conversations and agents answering, for the incremental refresh.
 */
export async function addRecentMessages(
  client: pg.Client,
  workspaceId: string,
  agentIds: string[],
  n: number,
) {
  await client.query(
    `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, external_id,
                           status, sender_user_id, occurred_at, created_at)
     SELECT $1, c.id, c.channel_id, CASE WHEN k % 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'text', 'Hola de nuevo',
            '{"type":"text","body":"Hola de nuevo"}'::jsonb, 'wamid.bench.more.' || c.id || '.' || k,
            CASE WHEN k % 2 = 1 THEN 'read' END,
            CASE WHEN k % 2 = 1 THEN ($3::uuid[])[1 + abs(hashtext(c.id::text)) % cardinality($3::uuid[])] END,
            now() - make_interval(secs => 600 - k * 60), now()
       FROM (SELECT id, channel_id FROM conversations WHERE workspace_id = $1
              ORDER BY last_activity_at DESC LIMIT ($2 / 4)) c,
            generate_series(0, 3) AS k`,
    [workspaceId, n, agentIds],
  );
}
