import type { Message, MessageContent } from '@charla/contracts';
import { loadMessage } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';
import { previewOf } from './message-preview';

/**
 * Stores an outbound message as `queued` and, in the same transaction, its place in the number's
 * outbox; the number's sender takes it at once.
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
  const messageId = await deps.db.transaction(async (query) => {
    const [row] = await query<{ id: string }>(
      `WITH m AS (
       INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, status,
                             sender_user_id, occurred_at, reply_to_external_id)
       VALUES ($1, $2, $3, 'outbound', $4, $5, $6::jsonb, 'queued', $7, $8, $9) RETURNING id)
     , c AS (UPDATE conversations SET last_activity_at = GREATEST(last_activity_at, $8) WHERE id = $2)
     , f AS (UPDATE media SET message_id = COALESCE(media.message_id, (SELECT id FROM m))
              WHERE workspace_id = $1 AND id = $10::uuid)
     SELECT id FROM m`,
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
    const id = row!.id;
    await deps.outbox.enqueue(query, [
      {
        kind: 'message',
        workspaceId: actor.workspaceId,
        channelId: conversation.channelId,
        conversationId,
        messageId: id,
      },
    ]);
    return id;
  });
  deps.outbox.wake([conversation.channelId]);
  await deps.notify([{ kind: 'message.created', workspaceId: actor.workspaceId, conversationId, messageId }]);
  return loadMessage(deps, actor.workspaceId, messageId);
}
