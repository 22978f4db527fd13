import { randomUUID } from 'node:crypto';
import type { AutomatedBy, Message, MessageContent } from '@charla/contracts';
import type { Database } from '../../../platform/db/database';
import { createGroupCommit, groupCommitPer } from '../../../platform/group-commit';
import { MESSAGE_COLUMNS, MESSAGE_FROM, type MessageRow } from '../conversations/conversation-view';
import { toNewMessage } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';
import { previewOf } from './message-preview';

export interface SentAs {
  by?: AutomatedBy;
  id?: string;
}

/** A message the API sends has no person as its sender: `automated_by` names the key. */
export const senderOf = (actor: { workspaceId: string; userId: string | null }, as: SentAs) => ({
  workspaceId: actor.workspaceId,
  userId: as.by ? null : actor.userId,
});

/** One outbound message to store as `queued`. */
interface QueuedRow {
  id: string;
  workspaceId: string;
  conversationId: string;
  channelId: string;
  type: string;
  text: string | null;
  content: string;
  senderUserId: string | null;
  automatedBy: string | null;
  at: Date;
  replyToExternalId: string | null;
  mediaId: string | null;
}

/**
 * Stores an outbound message as `queued` with its row in the number's outbox (modules/outbox owns
 * `outbox_items`), answers it as the API shows it, and wakes the number's sender. The hot path of
 * every agent reply (and of the API's sends): replies arriving together are stored together, in
 * ONE statement for all of them (see `storeQueued`), in the order they arrived.
 */
export async function queueOutbound(
  deps: InboxDeps,
  actor: { workspaceId: string; userId: string | null },
  conversation: { id: string; channelId: string },
  content: MessageContent,
  replyToExternalId: string | null,
  mediaId: string | null = 'media' in content ? content.media.id : null,
  /** `id`: the message's id when the caller chose it (an idempotent API send); `by`: sent by the API. */
  opts: SentAs = {},
): Promise<Message> {
  const conversationId = conversation.id;
  const row = await intakeOf(deps.db).write({
    id: opts.id ?? randomUUID(),
    workspaceId: actor.workspaceId,
    conversationId,
    channelId: conversation.channelId,
    type: content.type,
    text: previewOf(content),
    content: JSON.stringify(content),
    senderUserId: actor.userId,
    automatedBy: opts.by ? JSON.stringify(opts.by) : null,
    at: deps.clock.now(),
    replyToExternalId,
    mediaId,
  });
  deps.outbox.wake([conversation.channelId]);
  // The browsers hear of it without holding the answer: the message is stored and on its way,
  // and a lost announcement is made good by the next list a browser loads.
  deps
    .notify([{ kind: 'message.created', workspaceId: actor.workspaceId, conversationId, messageId: row.id }])
    .catch((err) => deps.log.error({ err }, 'announcing a queued message to the browsers failed'));
  return toNewMessage(deps, actor.workspaceId, row);
}

/** Per database: the replies in flight together share a statement. */
const intakeOf = groupCommitPer((db: Database) =>
  // A row a constraint refuses (its conversation was just deleted) fails only its own reply.
  createGroupCommit<QueuedRow, MessageRow>((rows) => storeQueued(db, rows), {
    maxBatch: 200,
    isolateFailures: true,
  }),
);

/**
 * The messages, their conversations' activity time, the uploads they carry and their outbox rows,
 * in one round trip whatever the number of messages: one statement is atomic, and the outbox
 * takes the messages in the order written (`seq` follows `n`), which keeps each conversation's
 * order. Answers the stored rows in the order given.
 */
async function storeQueued(db: Database, rows: QueuedRow[]): Promise<MessageRow[]> {
  const stored = await db.query<MessageRow & Record<string, unknown>>(
    `WITH v AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[],
                            $7::jsonb[], $8::uuid[], $9::timestamptz[], $10::text[], $11::uuid[], $12::jsonb[])
         WITH ORDINALITY AS v(id, ws, conv, ch, type, text, content, sender, at, reply_to, media_id, by, n))
     , m AS (
       INSERT INTO messages (id, workspace_id, conversation_id, channel_id, direction, type, text, content,
                             status, sender_user_id, occurred_at, reply_to_external_id, automated_by)
       SELECT id, ws, conv, ch, 'outbound', type, text, content, 'queued', sender, at, reply_to, by
         FROM v ORDER BY n
       RETURNING *)
     , c AS (
       UPDATE conversations SET last_activity_at = GREATEST(last_activity_at, x.at)
         FROM (SELECT conv, max(at) AS at FROM v GROUP BY conv) x
        WHERE conversations.id = x.conv)
     , f AS (
       UPDATE media SET message_id = COALESCE(media.message_id, x.id)
         FROM (SELECT DISTINCT ON (media_id) media_id, ws, id FROM v
                WHERE media_id IS NOT NULL ORDER BY media_id, n) x
        WHERE media.workspace_id = x.ws AND media.id = x.media_id)
     , o AS (
       INSERT INTO outbox_items (workspace_id, channel_id, conversation_id, kind, message_id)
       SELECT workspace_id, channel_id, conversation_id, 'message', id FROM m ORDER BY seq)
     SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM.replace('messages m', 'm')}`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.workspaceId),
      rows.map((r) => r.conversationId),
      rows.map((r) => r.channelId),
      rows.map((r) => r.type),
      rows.map((r) => r.text),
      rows.map((r) => r.content),
      rows.map((r) => r.senderUserId),
      rows.map((r) => r.at),
      rows.map((r) => r.replyToExternalId),
      rows.map((r) => r.mediaId),
      rows.map((r) => r.automatedBy),
    ],
  );
  const byId = new Map(stored.map((r) => [r.id, r]));
  return rows.map((r) => {
    const row = byId.get(r.id);
    if (!row) throw new Error(`queued message ${r.id} was not stored`);
    return row;
  });
}
