import type { Database } from '../../platform/db/database';
import { HOLDS_LEASE_SQL } from './channel-lease';

export type OutboxKind = 'message' | 'reaction' | 'read_receipt';

/** A claimed send with what it needs to leave: the message, the customer, the reaction. */
export interface ClaimedItem {
  id: number;
  kind: OutboxKind;
  attempts: number;
  conversationId: string;
  workspaceId: string;
  messageId: string;
  messageStatus: string;
  content: unknown;
  externalId: string | null;
  replyToExternalId: string | null;
  /** Where the customer is reached: their phone's wa_id, or their user id (BSUID) when WhatsApp gave no phone. */
  waId: string | null;
  /** A reaction's emoji and time, as queued. */
  payload: { emoji: string; reactedAt: string } | null;
  /** The reaction's time now: another reaction replaced this one when it differs. */
  currentReactionAt: Date | null;
  /** When it was queued (the database's clock): the send's latency counts from here. */
  createdAt: Date;
}

/**
 * Claims the number's next queued sends in id order (state `sending`, before any HTTP call, so a
 * crash leaves them in doubt, never sent twice). A send is not claimed while an earlier send of
 * its conversation waits for a retry or is in doubt; earlier sends claimed by this process
 * (`mine`, still in flight) do not hold it back: it queues behind them here, in memory.
 */
export async function claimItems(
  db: Pick<Database, 'query'>,
  lane: { channelId: string; holder: string },
  mine: number[],
  limit: number,
  now: Date,
): Promise<ClaimedItem[]> {
  const rows = await db.query<{
    id: string | number;
    kind: OutboxKind;
    attempts: number;
    conversation_id: string;
    workspace_id: string;
    message_id: string;
    message_status: string;
    content: unknown;
    external_id: string | null;
    reply_to_external_id: string | null;
    wa_id: string | null;
    payload: unknown;
    reacted_at: Date | null;
    created_at: Date | string;
  }>(
    `WITH cand AS (
       SELECT o.id, o.conversation_id,
              EXISTS (SELECT 1 FROM outbox_items e
                       WHERE e.conversation_id = o.conversation_id AND e.id < o.id
                         AND ((e.state = 'sending' AND NOT (e.id = ANY($3::bigint[])))
                              OR (e.state = 'queued' AND e.not_before > now()))) AS blocked
         FROM outbox_items o
        WHERE o.channel_id = $1 AND o.state = 'queued' AND (o.not_before IS NULL OR o.not_before <= now())
        ORDER BY o.id LIMIT $4 FOR UPDATE
     ), ok AS (
       SELECT id FROM (SELECT id, bool_or(blocked) OVER (PARTITION BY conversation_id ORDER BY id) AS held
                         FROM cand) x
        WHERE NOT held
     ), claimed AS (
       UPDATE outbox_items o SET state = 'sending', claimed_at = $5, attempts = o.attempts + 1
        WHERE o.id IN (SELECT id FROM ok) AND ${HOLDS_LEASE_SQL('$1', '$2')}
       RETURNING o.id, o.kind, o.attempts, o.conversation_id, o.workspace_id, o.message_id, o.payload, o.created_at
     )
     SELECT c.id, c.kind, c.attempts, c.conversation_id, c.workspace_id, c.message_id, c.payload, c.created_at,
            m.status AS message_status, m.content, m.external_id, m.reply_to_external_id,
            COALESCE(ct.wa_id, ct.user_id) AS wa_id,
            r.reacted_at
       FROM claimed c JOIN messages m ON m.id = c.message_id
       JOIN conversations cv ON cv.id = c.conversation_id JOIN contacts ct ON ct.id = cv.contact_id
       LEFT JOIN message_reactions r ON c.kind = 'reaction' AND r.message_id = c.message_id AND r.direction = 'outbound'
      ORDER BY c.id`,
    [lane.channelId, lane.holder, mine, limit, now],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    attempts: r.attempts,
    conversationId: r.conversation_id,
    workspaceId: r.workspace_id,
    messageId: r.message_id,
    messageStatus: r.message_status,
    content: typeof r.content === 'string' ? JSON.parse(r.content) : r.content,
    externalId: r.external_id,
    replyToExternalId: r.reply_to_external_id,
    waId: r.wa_id,
    payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as ClaimedItem['payload'],
    currentReactionAt: r.reacted_at ? new Date(r.reacted_at) : null,
    createdAt: new Date(r.created_at),
  }));
}
