import type { Message, MessageContent } from '@charla/contracts';
import { MESSAGE_COLUMNS, MESSAGE_FROM, type MessageRow } from '../conversations/conversation-view';
import { toNewMessage } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';
import { previewOf } from './message-preview';

/**
 * Stores an outbound message as `queued` and its row in the number's outbox (modules/outbox owns
 * `outbox_items`) in ONE statement, answers it as the API shows it, and wakes the number's
 * sender. One round trip instead of a transaction's four: an agent's reply is the hot path.
 */
export async function queueOutbound(
  deps: InboxDeps,
  actor: { workspaceId: string; userId: string },
  conversation: { id: string; channelId: string },
  content: MessageContent,
  replyToExternalId: string | null,
  mediaId: string | null = 'media' in content ? content.media.id : null,
): Promise<Message> {
  const conversationId = conversation.id;
  const now = deps.clock.now();
  const [row] = await deps.db.query<MessageRow & Record<string, unknown>>(
    `WITH m AS (
       INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, status,
                             sender_user_id, occurred_at, reply_to_external_id)
       VALUES ($1, $2, $3, 'outbound', $4, $5, $6::jsonb, 'queued', $7, $8, $9) RETURNING *)
     , c AS (UPDATE conversations SET last_activity_at = GREATEST(last_activity_at, $8) WHERE id = $2)
     , f AS (UPDATE media SET message_id = COALESCE(media.message_id, (SELECT id FROM m))
              WHERE workspace_id = $1 AND id = $10::uuid)
     , o AS (INSERT INTO outbox_items (workspace_id, channel_id, conversation_id, kind, message_id)
             SELECT workspace_id, channel_id, conversation_id, 'message', id FROM m)
     SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM.replace('messages m', 'm')}`,
    [
      actor.workspaceId,
      conversationId,
      conversation.channelId,
      content.type,
      previewOf(content),
      JSON.stringify(content),
      actor.userId,
      now,
      replyToExternalId,
      mediaId,
    ],
  );
  deps.outbox.wake([conversation.channelId]);
  await deps.notify([
    { kind: 'message.created', workspaceId: actor.workspaceId, conversationId, messageId: row!.id },
  ]);
  return toNewMessage(deps, actor.workspaceId, row!);
}
