import type { Query } from '../../../platform/db/database';
import type { BotSessionEnded } from '../../automation';
import type { ContactEvent } from '../../contacts';
import { announceQueued } from './webhook-worker';

/** The `webhook-id` of a new delivery, and "due at once" (see enqueue-events.ts). */
const NEW_WEBHOOK_ID = `'msg_' || replace(gen_random_uuid()::text, '-', '')`;
const DUE_AT_ONCE = `'epoch'::timestamptz`;

const CONTACT_JSON = `jsonb_build_object('id', ct.id, 'phone', ct.phone, 'name', ct.name, 'tags', ct.tags,
  'attributes', ct.attributes, 'optIn', ct.opt_in_state, 'createdAt', ct.created_at)`;

/**
 * New and changed contacts as `contact.created` (once per contact) and `contact.updated`
 * deliveries, in the transaction that wrote them (inbox's contactEvents). The contact is as that
 * transaction leaves it; `changed` names what the edit touched.
 */
export async function enqueueContactEvents(query: Query, events: ContactEvent[]): Promise<number> {
  const rows = await query(
    `INSERT INTO webhook_deliveries (workspace_id, subscription_id, webhook_id, event_type, dedupe_key, payload, next_attempt_at)
     SELECT s.workspace_id, s.id, ${NEW_WEBHOOK_ID}, x.type,
            CASE WHEN v.kind = 'created' THEN 'contact.created:' || ct.id END,
            jsonb_build_object('type', x.type, 'timestamp', v.at, 'data', jsonb_build_object(
              'contact', ${CONTACT_JSON}, 'source', v.source, 'changed', to_jsonb(string_to_array(v.fields, ',')))),
            ${DUE_AT_ONCE}
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
              WITH ORDINALITY AS v(ws, contact, kind, fields, source, at, n)
       CROSS JOIN LATERAL (SELECT 'contact.' || v.kind AS type) x
       JOIN contacts ct ON ct.id = v.contact AND ct.workspace_id = v.ws
       JOIN webhook_subscriptions s ON s.workspace_id = v.ws AND s.enabled AND x.type = ANY(s.events)
      ORDER BY v.n
     ON CONFLICT (subscription_id, dedupe_key) DO NOTHING RETURNING id`,
    [
      events.map((e) => e.workspaceId),
      events.map((e) => e.contactId),
      events.map((e) => e.kind),
      events.map((e) => e.fields.join(',')),
      events.map((e) => e.source),
      events.map((e) => e.at),
    ],
  );
  return announceQueued(query, rows.length);
}

/**
 * Bots' runs that ended, as `flow.completed`: how it ended (`completed`, `handed_off`,
 * `timed_out`, `stopped`, `moved`), with what the bot collected, in the transaction that ends them.
 */
export async function enqueueFlowEvents(query: Query, ended: BotSessionEnded[]): Promise<number> {
  const rows = await query(
    `INSERT INTO webhook_deliveries (workspace_id, subscription_id, webhook_id, event_type, dedupe_key, payload, next_attempt_at)
     SELECT s.workspace_id, s.id, ${NEW_WEBHOOK_ID}, 'flow.completed', 'flow.completed:' || b.id,
            jsonb_build_object('type', 'flow.completed', 'timestamp', b.ended_at, 'data', jsonb_build_object(
              'flow', jsonb_build_object('id', f.id, 'name', f.name, 'version', b.version),
              'outcome', b.status, 'reason', b.end_reason, 'startedAt', b.started_at, 'endedAt', b.ended_at,
              'variables', COALESCE(b.state->'variables', '{}'::jsonb),
              'conversationId', c.id, 'contact', ${CONTACT_JSON})),
            ${DUE_AT_ONCE}
       FROM bot_sessions b
       JOIN flows f ON f.id = b.flow_id
       JOIN conversations c ON c.id = b.conversation_id
       JOIN contacts ct ON ct.id = c.contact_id
       JOIN webhook_subscriptions s ON s.workspace_id = b.workspace_id AND s.enabled
                                   AND 'flow.completed' = ANY(s.events)
      WHERE b.id = ANY($1::uuid[]) AND b.status <> 'active'
     ON CONFLICT (subscription_id, dedupe_key) DO NOTHING RETURNING id`,
    [ended.map((e) => e.sessionId)],
  );
  return announceQueued(query, rows.length);
}

/**
 * A broadcast that finished sending, as `broadcast.completed` with its counts at that moment
 * (deliveries and reads keep coming after it: GET the broadcast for the latest). Once per
 * completion: a broadcast sent again to its limited recipients completes, and is announced, again.
 */
export async function enqueueBroadcastCompleted(
  query: Query,
  broadcast: { workspaceId: string; broadcastId: string; counts: unknown },
  at: Date,
): Promise<number> {
  const rows = await query(
    `INSERT INTO webhook_deliveries (workspace_id, subscription_id, webhook_id, event_type, dedupe_key, payload, next_attempt_at)
     SELECT s.workspace_id, s.id, ${NEW_WEBHOOK_ID}, 'broadcast.completed',
            'broadcast.completed:' || b.id || ':' || COALESCE(b.finished_at::text, ''),
            jsonb_build_object('type', 'broadcast.completed', 'timestamp', $4::timestamptz, 'data', jsonb_build_object(
              'broadcast', jsonb_build_object('id', b.id, 'name', b.name, 'channelId', b.channel_id,
                                              'templateId', b.template_id, 'finishedAt', b.finished_at),
              'counts', $3::jsonb)),
            ${DUE_AT_ONCE}
       FROM broadcasts b
       JOIN webhook_subscriptions s ON s.workspace_id = b.workspace_id AND s.enabled
                                   AND 'broadcast.completed' = ANY(s.events)
      WHERE b.id = $2 AND b.workspace_id = $1 AND b.status = 'completed'
     ON CONFLICT (subscription_id, dedupe_key) DO NOTHING RETURNING id`,
    [broadcast.workspaceId, broadcast.broadcastId, JSON.stringify(broadcast.counts), at],
  );
  return rows.length;
}

/**
 * Templates whose review status changed (submitted, approved, rejected with Meta's reason,
 * paused, disabled, deleted), as `template.status_changed` with the status before: only when the
 * status differs from the one last announced to that subscription, so a quality change or a
 * repeated webhook is not news.
 */
export async function enqueueTemplateEvents(query: Query, templateIds: string[], at: Date): Promise<number> {
  if (templateIds.length === 0) return 0;
  const rows = await query(
    `INSERT INTO webhook_deliveries (workspace_id, subscription_id, webhook_id, event_type, dedupe_key, payload, next_attempt_at)
     SELECT s.workspace_id, s.id, ${NEW_WEBHOOK_ID}, 'template.status_changed',
            'template:' || t.id || ':' || t.status || ':' || t.updated_at::text,
            jsonb_build_object('type', 'template.status_changed', 'timestamp', $2::timestamptz, 'data', jsonb_build_object(
              'template', jsonb_build_object('id', t.id, 'name', t.name, 'language', t.language,
                                             'category', t.category, 'status', t.status, 'quality', t.quality),
              'from', last.status, 'to', t.status,
              'rejection', CASE WHEN t.rejection_reason IS NOT NULL
                                THEN jsonb_build_object('reason', t.rejection_reason, 'detail', t.rejection_detail) END)),
            ${DUE_AT_ONCE}
       FROM templates t
       JOIN webhook_subscriptions s ON s.workspace_id = t.workspace_id AND s.enabled
                                   AND 'template.status_changed' = ANY(s.events)
       LEFT JOIN LATERAL (
         SELECT d.payload->'data'->>'to' AS status FROM webhook_deliveries d
          WHERE d.subscription_id = s.id AND d.event_type = 'template.status_changed'
            AND d.payload->'data'->'template'->>'id' = t.id::text
          ORDER BY d.id DESC LIMIT 1) last ON true
      WHERE t.id = ANY($1::uuid[]) AND t.status <> 'draft' AND t.status IS DISTINCT FROM last.status
     ON CONFLICT (subscription_id, dedupe_key) DO NOTHING RETURNING id`,
    [templateIds, at],
  );
  return rows.length;
}
