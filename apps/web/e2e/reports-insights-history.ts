import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/src/platform/db/database';

/**
 * What the shop sent by itself in the same two weeks, written straight into Charla's tables (the
 * server is stopped meanwhile): a Mother's Day broadcast three days ago, an agent's follow-up
 * template, a rule's reminder template sent by automation, the rule's fires, a bot with sessions
 * that ended at different steps, a welcome sequence, and a customer of no team who has been
 * waiting 50 minutes for a first response.
 */
export interface InsightsIds {
  workspaceId: string;
  channelId: string;
  agentId: string;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export async function seedInsights(db: Database, ids: InsightsIds, now: Date): Promise<void> {
  const { workspaceId, channelId } = ids;
  let n = 0;
  const person = async (name: string, optedOutAt: Date | null = null) => {
    const waId = `5215588${String(++n).padStart(6, '0')}`;
    const [contact] = await db.query<{ id: string }>(
      `INSERT INTO contacts (workspace_id, wa_id, phone, name, profile_name, opt_in_state, opt_in_at)
       VALUES ($1, $2, $3, $4, $4, $5, $6) RETURNING id`,
      [workspaceId, waId, `+${waId}`, name, optedOutAt ? 'opted_out' : 'unknown', optedOutAt],
    );
    const [conversation] = await db.query<{ id: string }>(
      `INSERT INTO conversations (workspace_id, channel_id, contact_id, status, team_id) VALUES ($1, $2, $3, 'resolved', NULL)
       RETURNING id`,
      [workspaceId, channelId, contact!.id],
    );
    return { contactId: contact!.id, conversationId: conversation!.id, waId };
  };
  const template = (templateId: string, name: string, category = 'marketing') => ({
    type: 'template',
    template: { templateId, name, language: 'es_MX', category, body: 'Hola' },
  });
  const message = async (
    conversationId: string,
    at: Date,
    more: {
      inbound?: boolean;
      content?: object;
      status?: string | null;
      sender?: string;
      auto?: boolean;
    } = {},
  ) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, status,
                               sender_user_id, automated_by, occurred_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb, $11, $11) RETURNING id`,
        [
          workspaceId,
          conversationId,
          channelId,
          more.inbound ? 'inbound' : 'outbound',
          more.content ? 'template' : 'text',
          more.content ? null : 'Gracias',
          JSON.stringify(more.content ?? { type: 'text', text: 'Gracias' }),
          more.inbound ? null : (more.status ?? 'read'),
          more.sender ?? null,
          more.auto ? JSON.stringify({ kind: 'rule', id: randomUUID(), name: 'Recordatorio' }) : null,
          at,
        ],
      )
    )[0]!.id;

  // The broadcast: 24 recipients, most read it, some replied, two not on WhatsApp, one capped.
  const PROMO = randomUUID();
  const started = new Date(now.getTime() - 3 * DAY - 2 * HOUR);
  const [broadcast] = await db.query<{ id: string }>(
    `INSERT INTO broadcasts (workspace_id, name, channel_id, template_id, template_name, template, audience, variables,
                             status, started_at, finished_at)
     VALUES ($1, 'Día de las madres', $2, $3, 'promo_madres', '{"language": "es_MX", "category": "marketing"}', '{}', '{}',
             'completed', $4, $5) RETURNING id`,
    [workspaceId, channelId, PROMO, started, new Date(started.getTime() + 5 * MIN)],
  );
  for (let i = 0; i < 24; i++) {
    const optedOut = i === 5 ? new Date(started.getTime() + 2 * HOUR) : null;
    const who = await person(`Clienta ${i + 1}`, optedOut);
    const failed = i >= 21;
    const status = i < 15 ? 'read' : 'delivered';
    const messageId = failed
      ? null
      : await message(who.conversationId, started, { content: template(PROMO, 'promo_madres'), status });
    if (!failed && i < 7) {
      await message(who.conversationId, new Date(started.getTime() + (i + 1) * 20 * MIN), { inbound: true });
    }
    await db.query(
      `INSERT INTO broadcast_recipients (broadcast_id, workspace_id, contact_id, wa_id, values, state, claimed_at, sent_at,
                                         message_id, conversation_id, error_code, error_reason)
       VALUES ($1, $2, $3, $4, '{}', $5, $6, $7, $8, $9, $10, $11)`,
      [
        broadcast!.id,
        workspaceId,
        who.contactId,
        who.waId,
        failed ? 'failed' : 'sent',
        started,
        failed ? null : started,
        messageId,
        failed ? null : who.conversationId,
        failed ? (i === 23 ? 131049 : 131026) : null,
        failed ? (i === 23 ? 'Marketing message cap reached' : 'Not on WhatsApp') : null,
      ],
    );
  }

  // Templates sent one by one: the agent's follow-up, and the rule's reminder (20 or more: ranked).
  const FOLLOW_UP = randomUUID();
  const REMINDER = randomUUID();
  const regular = await person('Mariana Flores');
  for (let i = 0; i < 6; i++) {
    await message(regular.conversationId, new Date(now.getTime() - (i + 1) * DAY), {
      content: template(FOLLOW_UP, 'seguimiento_pedido', 'utility'),
      sender: ids.agentId,
    });
  }
  for (let i = 0; i < 22; i++) {
    await message(regular.conversationId, new Date(now.getTime() - (i % 6) * DAY - (i + 2) * HOUR), {
      content: template(REMINDER, 'recordatorio_entrega', 'utility'),
      status: i % 3 === 0 ? 'delivered' : 'read',
      auto: true,
    });
  }

  // A rule that fired over the week, one never used.
  const rule = async (name: string, enabled: boolean, fired: number) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO automation_rules (workspace_id, name, enabled, position, trigger, actions, fired_count, last_fired_at)
         VALUES ($1, $2, $3, 100, '{"type": "message_received", "firstOnly": false}', '[{"type": "stop"}]', $4, $5)
         RETURNING id`,
        [workspaceId, name, enabled, fired, fired > 0 ? new Date(now.getTime() - 3 * HOUR) : null],
      )
    )[0]!.id;
  const welcome = await rule('Bienvenida fuera de horario', true, 31);
  await rule('Aviso de vacaciones', false, 0);
  for (let d = 1; d <= 6; d++) {
    await db.query(
      `INSERT INTO automation_rule_fire_hours (rule_id, workspace_id, hour, fired) VALUES ($1, $2, $3, $4)`,
      [welcome, workspaceId, new Date(Math.floor((now.getTime() - d * DAY) / HOUR) * HOUR), 2 + (d % 3)],
    );
  }

  // A bot: start → menu → ask the date → thanks → end; sessions ended at different steps.
  const definition = {
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'menu', type: 'choice', text: '¿Qué necesitas?', options: [] },
      { id: 'date', type: 'question', text: '¿Para qué día?', variable: 'dia' },
      { id: 'thanks', type: 'message', message: { type: 'text', text: 'Gracias' } },
      { id: 'bye', type: 'end', text: 'Hasta pronto' },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'next', target: 'menu' },
      { id: 'e2', source: 'menu', sourceHandle: 'next', target: 'date' },
      { id: 'e3', source: 'date', sourceHandle: 'next', target: 'thanks' },
      { id: 'e4', source: 'thanks', sourceHandle: 'next', target: 'bye' },
    ],
  };
  const [flow] = await db.query<{ id: string }>(
    `INSERT INTO flows (workspace_id, name, draft, published_version) VALUES ($1, 'Pedidos para entrega', $2::jsonb, 1)
     RETURNING id`,
    [workspaceId, JSON.stringify(definition)],
  );
  await db.query(
    'INSERT INTO flow_versions (flow_id, version, workspace_id, definition) VALUES ($1, 1, $2, $3::jsonb)',
    [flow!.id, workspaceId, JSON.stringify(definition)],
  );
  const path = ['start', 'menu', 'date', 'thanks', 'bye'];
  const sessions: [status: string, at: number][] = [
    ['completed', 4],
    ['completed', 4],
    ['completed', 4],
    ['completed', 4],
    ['completed', 4],
    ['completed', 4],
    ['handed_off', 1],
    ['handed_off', 1],
    ['timed_out', 2],
    ['timed_out', 2],
    ['timed_out', 1],
    ['stopped', 2],
    ['active', 2],
  ];
  for (const [i, [status, at]] of sessions.entries()) {
    const started = new Date(now.getTime() - ((i % 6) + 1) * DAY);
    await db.query(
      `INSERT INTO bot_sessions (workspace_id, conversation_id, flow_id, version, state, status, started_at, asked_at)
       VALUES ($1, $2, $3, 1, $4::jsonb, $5, $6, $6)`,
      [
        workspaceId,
        randomUUID(),
        flow!.id,
        JSON.stringify({
          nodeId: path[at],
          variables: {},
          tries: 0,
          resumeAt: null,
          reached: path.slice(0, at + 1),
        }),
        status,
        started,
      ],
    );
  }

  // A welcome sequence.
  const [sequence] = await db.query<{ id: string }>(
    `INSERT INTO sequences (workspace_id, name, channel_id, steps, weekdays, from_time, to_time, time_zone)
     VALUES ($1, 'Bienvenida a clientes nuevos', $2, '[]', '{1,2,3,4,5}', '09:00', '18:00', 'America/Mexico_City')
     RETURNING id`,
    [workspaceId, channelId],
  );
  const enrolments: [string, string | null][] = [
    ['finished', null],
    ['finished', null],
    ['finished', null],
    ['stopped', 'replied'],
    ['stopped', 'replied'],
    ['stopped', 'opted_out'],
    ['active', null],
    ['active', null],
  ];
  for (const [i, [status, reason]] of enrolments.entries()) {
    const who = await person(`Nuevo cliente ${i + 1}`);
    await db.query(
      `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, status, stop_reason, enrolled_by, created_at)
       VALUES ($1, $2, $3, $4, $5, 'rule', $6)`,
      [
        workspaceId,
        sequence!.id,
        who.contactId,
        status,
        reason,
        new Date(now.getTime() - (i + 1) * 12 * HOUR),
      ],
    );
  }

  // A customer of no team waiting 50 minutes: at risk against a 60-minute first response.
  const waiting = await person('Valeria Campos');
  const asked = new Date(now.getTime() - 50 * MIN);
  await message(waiting.conversationId, asked, { inbound: true });
  await db.query(
    `UPDATE conversations SET status = 'open', last_inbound_at = $2, last_activity_at = $2, queued_at = $2, created_at = $2
      WHERE id = $1`,
    [waiting.conversationId, asked],
  );
}
