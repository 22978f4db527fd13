import type { Database, Query } from '../../platform/db/database';
import type { OutboxKind } from './claim-items';

export interface EnqueueItem {
  kind: OutboxKind;
  workspaceId: string;
  channelId: string;
  conversationId: string;
  messageId: string;
  /** A reaction's `{emoji, reactedAt}`. */
  payload?: { emoji: string; reactedAt: string } | null;
}

/** Adds sends to the outbox, in this order, inside the caller's transaction. */
export async function enqueueItems(query: Query, items: EnqueueItem[]): Promise<void> {
  if (items.length === 0) return;
  await query(
    `INSERT INTO outbox_items (workspace_id, channel_id, conversation_id, kind, message_id, payload)
     SELECT v.ws, v.ch, v.conv, v.kind, v.msg, v.payload
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::jsonb[])
            WITH ORDINALITY AS v(ws, ch, conv, kind, msg, payload, n)
      ORDER BY v.n`,
    [
      items.map((i) => i.workspaceId),
      items.map((i) => i.channelId),
      items.map((i) => i.conversationId),
      items.map((i) => i.kind),
      items.map((i) => i.messageId),
      items.map((i) => (i.payload ? JSON.stringify(i.payload) : null)),
    ],
  );
}

/**
 * Outbound messages stored as queued but not in the outbox yet, in the order written: those named
 * (an opt-out confirmation the ingest wrote, queued after its commit), or, with `olderThan`, any
 * left behind (the process died between that commit and queueing it). Answers their numbers.
 */
export async function enqueueQueuedMessages(
  db: Pick<Database, 'query'>,
  which: { ids: string[] } | { olderThan: Date },
): Promise<string[]> {
  const named = 'ids' in which;
  const rows = await db.query<{ channel_id: string }>(
    `INSERT INTO outbox_items (workspace_id, channel_id, conversation_id, kind, message_id)
     SELECT m.workspace_id, m.channel_id, m.conversation_id, 'message', m.id FROM messages m
      WHERE ${named ? 'm.id = ANY($1::uuid[])' : 'm.created_at < $1 AND m.send_attempted_at IS NULL'}
        AND m.direction = 'outbound' AND m.status = 'queued' AND m.external_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM outbox_items o WHERE o.message_id = m.id AND o.kind = 'message')
      ORDER BY m.created_at, m.id LIMIT 1000
     RETURNING channel_id`,
    [named ? which.ids : which.olderThan],
  );
  return [...new Set(rows.map((r) => r.channel_id))];
}
