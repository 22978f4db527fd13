import type { Query } from '../../../platform/db/database';
import type { DeliveryUpdate, LateStatus, NewConversationEvent } from '../../inbox';
import { announceQueued } from './webhook-worker';

/** The `webhook-id` of a new delivery: `msg_` and 32 hex digits, made by the database. */
const NEW_WEBHOOK_ID = `'msg_' || replace(gen_random_uuid()::text, '-', '')`;

/**
 * A new delivery is due at once, whatever the clocks say (the event's own time may be the
 * customer's phone's, ahead of Charla's): the start of time, so deliveries go out in the order
 * they were written.
 */
const DUE_AT_ONCE = `'epoch'::timestamptz`;

const CONTACT_JSON = `jsonb_build_object('id', ct.id, 'phone', ct.phone, 'name', ct.name)`;

/**
 * The customer's new messages and the conversations they opened, as `message.received` and
 * `conversation.created` deliveries for every subscription that wants them, in the ingest's own
 * transaction (a message is stored if and only if its events are queued). One statement per event
 * type for the whole batch; nothing is written when no subscription listens.
 */
export async function enqueueInboundEvents(
  query: Query,
  inbound: { messageIds: string[]; createdConversationIds: string[] },
  at: Date,
): Promise<number> {
  let queued = 0;
  if (inbound.messageIds.length > 0) {
    const rows = await query(
      `INSERT INTO webhook_deliveries (workspace_id, subscription_id, webhook_id, event_type, dedupe_key, payload, next_attempt_at)
       SELECT s.workspace_id, s.id, ${NEW_WEBHOOK_ID}, 'message.received', 'received:' || m.id,
              jsonb_build_object('type', 'message.received', 'timestamp', $2::timestamptz, 'data', jsonb_build_object(
                'message', jsonb_build_object('id', m.id, 'type', m.type, 'text', m.text, 'wamid', m.external_id,
                                              'content', m.content, 'createdAt', m.occurred_at),
                'conversationId', m.conversation_id, 'channelId', m.channel_id, 'contact', ${CONTACT_JSON})),
              ${DUE_AT_ONCE}
         FROM messages m
         JOIN conversations c ON c.id = m.conversation_id
         JOIN contacts ct ON ct.id = c.contact_id
         JOIN webhook_subscriptions s ON s.workspace_id = m.workspace_id AND s.enabled
                                     AND 'message.received' = ANY(s.events)
        WHERE m.id = ANY($1::uuid[]) AND m.direction = 'inbound'
        ORDER BY m.seq
       ON CONFLICT (subscription_id, dedupe_key) DO NOTHING RETURNING id`,
      [inbound.messageIds, at],
    );
    queued += rows.length;
  }
  if (inbound.createdConversationIds.length > 0) {
    const rows = await query(
      `INSERT INTO webhook_deliveries (workspace_id, subscription_id, webhook_id, event_type, dedupe_key, payload, next_attempt_at)
       SELECT s.workspace_id, s.id, ${NEW_WEBHOOK_ID}, 'conversation.created', 'created:' || c.id,
              jsonb_build_object('type', 'conversation.created', 'timestamp', $2::timestamptz, 'data', jsonb_build_object(
                'conversationId', c.id, 'channelId', c.channel_id, 'contact', ${CONTACT_JSON})),
              ${DUE_AT_ONCE}
         FROM conversations c
         JOIN contacts ct ON ct.id = c.contact_id
         JOIN webhook_subscriptions s ON s.workspace_id = c.workspace_id AND s.enabled
                                     AND 'conversation.created' = ANY(s.events)
        WHERE c.id = ANY($1::uuid[])
       ON CONFLICT (subscription_id, dedupe_key) DO NOTHING RETURNING id`,
      [inbound.createdConversationIds, at],
    );
    queued += rows.length;
  }
  return queued;
}

/**
 * WhatsApp's reports on sent messages, as `message.sent` (sent) and `message.status_changed`
 * (delivered, read, failed) deliveries. Only a report that holds (the message's status is now the
 * one reported: a late `sent` after `read` is not news) and only once per message and status,
 * however often Meta repeats it.
 */
export async function enqueueStatusEvents(
  query: Query,
  statuses: (Pick<DeliveryUpdate, 'channelId' | 'externalId' | 'occurredAt'> & { status: string })[],
  at: Date,
): Promise<number> {
  if (statuses.length === 0) return 0;
  const rows = await query(
    `INSERT INTO webhook_deliveries (workspace_id, subscription_id, webhook_id, event_type, dedupe_key, payload, next_attempt_at)
     SELECT DISTINCT ON (s.id, m.id, v.status)
            s.workspace_id, s.id, ${NEW_WEBHOOK_ID}, x.type, 'status:' || m.id || ':' || v.status,
            jsonb_build_object('type', x.type, 'timestamp', $5::timestamptz, 'data', jsonb_build_object(
              'message', jsonb_build_object('id', m.id, 'wamid', m.external_id, 'status', v.status, 'at', v.at),
              'conversationId', m.conversation_id, 'channelId', m.channel_id,
              'error', CASE WHEN v.status = 'failed'
                            THEN jsonb_build_object('code', m.error->'code', 'reason', m.error->>'reason') END)),
            ${DUE_AT_ONCE}
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS v(ch, ext, status, at)
       JOIN messages m ON m.channel_id = v.ch AND m.external_id = v.ext AND m.direction = 'outbound'
                      AND m.status = v.status
       CROSS JOIN LATERAL (SELECT CASE WHEN v.status = 'sent' THEN 'message.sent' ELSE 'message.status_changed' END AS type) x
       JOIN webhook_subscriptions s ON s.workspace_id = m.workspace_id AND s.enabled AND x.type = ANY(s.events)
     ON CONFLICT (subscription_id, dedupe_key) DO NOTHING RETURNING id`,
    [
      statuses.map((s) => s.channelId),
      statuses.map((s) => s.externalId),
      statuses.map((s) => s.status),
      statuses.map((s) => s.occurredAt),
      at,
    ],
  );
  return rows.length;
}

const CONVERSATION_EVENT_TYPES: Partial<Record<NewConversationEvent['kind'], string>> = {
  status: 'conversation.status_changed',
  assignee: 'conversation.assigned',
};

/**
 * Conversations' status changes and assignments (by a member, a rule, a bot, the routing queue)
 * as `conversation.status_changed` and `conversation.assigned` deliveries, and opt-outs as
 * `contact.opted_out`, in the transaction
 * that writes their history lines (inbox's onConversationEvents).
 */
export async function enqueueConversationEvents(
  query: Query,
  events: NewConversationEvent[],
): Promise<number> {
  const optedOut = await enqueueOptOuts(
    query,
    events.filter((e) => e.kind === 'consent' && e.to === 'opted_out'),
  );
  const wanted = events.filter((e) => CONVERSATION_EVENT_TYPES[e.kind]);
  if (wanted.length === 0) return optedOut;
  const rows = await query(
    `INSERT INTO webhook_deliveries (workspace_id, subscription_id, webhook_id, event_type, payload, next_attempt_at)
     SELECT s.workspace_id, s.id, ${NEW_WEBHOOK_ID}, v.type,
            jsonb_build_object('type', v.type, 'timestamp', v.at, 'data', jsonb_build_object(
              'conversationId', v.conv, 'from', v.from_value, 'to', v.to_value,
              'by', CASE WHEN v.by IS NOT NULL THEN v.by
                         WHEN v.actor IS NOT NULL THEN jsonb_build_object('kind', 'member', 'id', v.actor, 'name', u.name)
                         ELSE jsonb_build_object('kind', 'charla') END)),
            ${DUE_AT_ONCE}
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[], $8::timestamptz[])
              WITH ORDINALITY AS v(ws, conv, type, from_value, to_value, actor, by, at, n)
       LEFT JOIN users u ON u.id = v.actor
       JOIN webhook_subscriptions s ON s.workspace_id = v.ws AND s.enabled AND v.type = ANY(s.events)
      ORDER BY v.n
     RETURNING id`,
    [
      wanted.map((e) => e.workspaceId),
      wanted.map((e) => e.conversationId),
      wanted.map((e) => CONVERSATION_EVENT_TYPES[e.kind]!),
      wanted.map((e) => e.from),
      wanted.map((e) => e.to),
      wanted.map((e) => e.actorUserId),
      wanted.map((e) => (e.automatedBy ? JSON.stringify(e.automatedBy) : null)),
      wanted.map((e) => e.at),
    ],
  );
  return optedOut + rows.length;
}

/**
 * A customer opted out (STOP, BAJA… or WhatsApp's "stop promotions"), as `contact.opted_out`:
 * once per contact and moment, however many conversations they have.
 */
async function enqueueOptOuts(query: Query, events: NewConversationEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = await query(
    `INSERT INTO webhook_deliveries (workspace_id, subscription_id, webhook_id, event_type, dedupe_key, payload, next_attempt_at)
     SELECT DISTINCT ON (s.id, ct.id, v.at)
            s.workspace_id, s.id, ${NEW_WEBHOOK_ID}, 'contact.opted_out', 'opted_out:' || ct.id || ':' || v.at::text,
            jsonb_build_object('type', 'contact.opted_out', 'timestamp', v.at, 'data', jsonb_build_object(
              'contact', ${CONTACT_JSON}, 'source', v.source, 'conversationId', c.id)),
            ${DUE_AT_ONCE}
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(conv, source, at)
       JOIN conversations c ON c.id = v.conv
       JOIN contacts ct ON ct.id = c.contact_id
       JOIN webhook_subscriptions s ON s.workspace_id = c.workspace_id AND s.enabled
                                   AND 'contact.opted_out' = ANY(s.events)
     ON CONFLICT (subscription_id, dedupe_key) DO NOTHING RETURNING id`,
    [events.map((e) => e.conversationId), events.map((e) => e.note), events.map((e) => e.at)],
  );
  return rows.length;
}

/** One event for one subscription (the "send test event" button), due at once. */
export async function enqueueOne(
  query: Query,
  sub: { workspaceId: string; subscriptionId: string },
  type: string,
  data: unknown,
  at: Date,
): Promise<{ id: number }> {
  const [row] = await query<{ id: number }>(
    `INSERT INTO webhook_deliveries (workspace_id, subscription_id, webhook_id, event_type, payload, next_attempt_at)
     VALUES ($1, $2, ${NEW_WEBHOOK_ID}, $3, jsonb_build_object('type', $3::text, 'timestamp', $5::timestamptz, 'data', $4::jsonb), ${DUE_AT_ONCE})
     RETURNING id`,
    [sub.workspaceId, sub.subscriptionId, type, JSON.stringify(data), at],
  );
  return { id: Number(row!.id) };
}

/**
 * Statuses WhatsApp reported before the message's wamid was known, applied once it was (inbox's
 * lateStatusesApplied), through the same rules: sent once per message and status, if it holds.
 */
export async function enqueueLateStatusEvents(query: Query, statuses: LateStatus[]): Promise<number> {
  if (statuses.length === 0) return 0;
  const latest = new Date(Math.max(...statuses.map((s) => s.occurredAt.getTime())));
  return announceQueued(query, await enqueueStatusEvents(query, statuses, latest));
}
