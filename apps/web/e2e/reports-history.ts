import type { Database } from '../../server/src/platform/db/database';

/**
 * Two weeks of a small shop's history written straight into Charla's tables (the server is
 * stopped meanwhile): contacts writing, a rule's welcome, agents taking and answering at their own
 * pace, some left pending, some expired or never answered, a few returning customers and a few
 * from ads. The week before last is slower, so this week's figures show an improvement.
 */
export interface HistoryIds {
  workspaceId: string;
  channelId: string;
  teamId: string;
  /** Fastest first: their answers take roughly 3, 9 and 25 minutes. */
  agents: { id: string; paceMinutes: number }[];
}

const NAMES = [
  'Rosa Martínez',
  'Jorge Pérez',
  'Lucía Gómez',
  'Andrés Ruiz',
  'Marta Díaz',
  'Pablo Torres',
  'Elena Castro',
  'Raúl Ortega',
  'Sofía Romero',
  'Diego Navarro',
  'Carla Molina',
  'Iván Serrano',
  'Nuria Ramos',
  'Óscar Gil',
  'Alba Vidal',
  'Hugo Méndez',
  'Irene Cano',
  'Tomás León',
];
const ASKS = [
  '¿Tienen ramos de girasoles para hoy?',
  '¿Hacen envíos a domicilio?',
  'Quiero cambiar la dirección de mi pedido',
  '¿A qué hora cierran?',
  '¿Cuánto cuesta el arreglo de rosas?',
];
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type Outcome = 'resolved' | 'pending' | 'expired' | 'missed';

export async function seedHistory(
  db: Database,
  ids: HistoryIds,
  now: Date,
): Promise<{ conversations: number }> {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  let wamid = 0;

  const message = (
    conversationId: string,
    direction: 'inbound' | 'outbound',
    text: string,
    at: Date,
    extra: { senderUserId?: string; automated?: boolean; fromAd?: boolean } = {},
  ) =>
    db.query(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content,
         external_id, status, sender_user_id, automated_by, referral, occurred_at, created_at)
       VALUES ($1, $2, $3, $4, 'text', $5, $6::jsonb, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $12)`,
      [
        ids.workspaceId,
        conversationId,
        ids.channelId,
        direction,
        text,
        JSON.stringify({ type: 'text', text }),
        `wamid.history-${++wamid}`,
        direction === 'outbound' ? 'read' : null,
        extra.senderUserId ?? null,
        extra.automated
          ? JSON.stringify({ kind: 'rule', id: '00000000-0000-4000-8000-000000000001', name: 'Bienvenida' })
          : null,
        extra.fromAd
          ? JSON.stringify({ source_id: 'ad-120', source_type: 'ad', source_url: 'https://fb.me/flores' })
          : null,
        at,
      ],
    );
  const event = (
    conversationId: string,
    kind: 'status' | 'assignee',
    from: string | null,
    to: string | null,
    actor: string | null,
    at: Date,
  ) =>
    db.query(
      `INSERT INTO conversation_events (workspace_id, conversation_id, actor_user_id, kind, from_value, to_value, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [ids.workspaceId, conversationId, actor, kind, from, to, at],
    );

  // Who writes when: each day 2-5 customers; from day 6 on, some are customers of the week before.
  const contacts: { name: string; cycles: { start: Date; outcome: Outcome }[] }[] = [];
  for (let d = 13; d >= 1; d--) {
    const count = 2 + ((d * 7) % 4);
    for (let i = 0; i < count; i++) {
      const day = new Date(now.getTime() - d * DAY);
      const start = new Date(
        Date.UTC(
          day.getUTCFullYear(),
          day.getUTCMonth(),
          day.getUTCDate(),
          15 + Math.floor(between(0, 8)),
          Math.floor(between(0, 60)),
        ),
      );
      const roll = random();
      const outcome: Outcome =
        roll < 0.66 ? 'resolved' : roll < 0.8 ? 'pending' : roll < 0.9 ? 'expired' : 'missed';
      const returning =
        d <= 6 && i === 0
          ? contacts.find(
              (c) =>
                c.cycles.length === 1 &&
                c.cycles[0]?.outcome === 'resolved' &&
                c.cycles[0].start.getTime() < start.getTime() - 5 * DAY,
            )
          : undefined;
      if (returning) returning.cycles.push({ start, outcome });
      else
        contacts.push({
          name: NAMES[contacts.length % NAMES.length] ?? 'Cliente',
          cycles: [{ start, outcome }],
        });
    }
  }

  let index = 0;
  for (const contact of contacts) {
    index++;
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO contacts (workspace_id, wa_id, phone, name, profile_name, created_at)
       VALUES ($1, $2, $3, $4, $4, $5) RETURNING id`,
      [
        ids.workspaceId,
        `5215599${String(index).padStart(6, '0')}`,
        `+5215599${String(index).padStart(6, '0')}`,
        contact.name,
        contact.cycles[0]?.start,
      ],
    );
    const first = contact.cycles[0]!.start;
    const [conversation] = await db.query<{ id: string }>(
      `INSERT INTO conversations (workspace_id, channel_id, contact_id, status, team_id, last_activity_at, created_at)
       VALUES ($1, $2, $3, 'open', $4, $5, $5) RETURNING id`,
      [ids.workspaceId, ids.channelId, row!.id, ids.teamId, first],
    );
    const cid = conversation!.id;
    let status = 'open';
    let assignee: string | null = null;
    let lastAt = first;
    let lastInbound = first;
    for (const [n, cycle] of contact.cycles.entries()) {
      const agent = ids.agents[(index + n) % ids.agents.length]!;
      const slower = cycle.start.getTime() < now.getTime() - 7 * DAY ? 1.5 : 1;
      let at = cycle.start;
      if (status === 'resolved') {
        await event(cid, 'status', 'resolved', 'open', null, at);
        status = 'open';
      }
      await message(cid, 'inbound', ASKS[index % ASKS.length]!, at, { fromAd: n === 0 && index % 5 === 0 });
      lastInbound = at;
      if (index % 3 === 0)
        await message(
          cid,
          'outbound',
          '¡Hola! Gracias por escribir a Florería Luz.',
          new Date(at.getTime() + 4000),
          { automated: true },
        );
      if (cycle.outcome === 'missed') {
        lastAt = at;
        if (assignee) {
          await event(cid, 'assignee', assignee, null, null, new Date(at.getTime() + 1000));
          assignee = null;
        }
        continue;
      }
      const taken = new Date(at.getTime() + between(1, 12) * slower * MIN);
      if (assignee !== agent.id) {
        await event(cid, 'assignee', assignee, agent.id, agent.id, taken);
        await db.query(
          `INSERT INTO conversation_queue_waits (workspace_id, conversation_id, team_id, queued_at, assigned_at, waited_ms, assigned_by, assignee_user_id)
           VALUES ($1, $2, $3, $4, $5, $6, 'member', $7)`,
          [ids.workspaceId, cid, ids.teamId, at, taken, taken.getTime() - at.getTime(), agent.id],
        );
        assignee = agent.id;
      }
      at = new Date(taken.getTime() + between(0.4, 1.6) * agent.paceMinutes * slower * MIN);
      await message(cid, 'outbound', 'Claro, con gusto le ayudo.', at, { senderUserId: agent.id });
      const exchanges = 1 + Math.floor(between(0, 3));
      for (let k = 0; k < exchanges; k++) {
        at = new Date(at.getTime() + between(2, 20) * MIN);
        await message(cid, 'inbound', 'Perfecto, ¿y el precio?', at);
        lastInbound = at;
        at = new Date(at.getTime() + between(0.3, 1.5) * agent.paceMinutes * slower * MIN);
        await message(cid, 'outbound', 'Son 450 pesos con envío incluido.', at, { senderUserId: agent.id });
      }
      if (cycle.outcome === 'expired') {
        lastAt = at;
        continue;
      }
      if (cycle.outcome === 'pending') {
        at = new Date(at.getTime() + 5 * MIN);
        await event(cid, 'status', 'open', 'pending', agent.id, at);
        at = new Date(at.getTime() + between(4, 20) * HOUR);
        await event(cid, 'status', 'pending', 'resolved', agent.id, at);
      } else {
        at = new Date(at.getTime() + between(5, 90) * MIN);
        await event(cid, 'status', 'open', 'resolved', agent.id, at);
      }
      status = 'resolved';
      lastAt = at;
    }
    await db.query(
      `UPDATE conversations SET status = $2, assignee_user_id = $3::uuid, last_inbound_at = $4::timestamptz, last_activity_at = $5,
              queued_at = CASE WHEN $3::uuid IS NULL THEN $4::timestamptz ELSE NULL END
        WHERE id = $1`,
      [cid, status, assignee, lastInbound, lastAt],
    );
  }
  return { conversations: contacts.length };
}
