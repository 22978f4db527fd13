import { AppError, notFound } from '../../../platform/errors';
import { findConversation } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';
import { assertWindowOpen } from './send-message';

/**
 * The business reacts to a message (an empty emoji removes its reaction). Like any free-form
 * message it needs the 24-hour window. Stored at once so the thread shows it; the number's outbox sends it.
 */
export async function reactToMessage(
  deps: InboxDeps,
  actor: { workspaceId: string },
  messageId: string,
  emoji: string,
): Promise<void> {
  const [target] = await deps.db.query<{
    conversation_id: string;
    channel_id: string;
    external_id: string | null;
    type: string;
  }>(
    'SELECT conversation_id, channel_id, external_id, type FROM messages WHERE workspace_id = $1 AND id = $2',
    [actor.workspaceId, messageId],
  );
  if (!target) throw notFound('message');
  const conversation = await findConversation(deps, actor.workspaceId, target.conversation_id);
  assertWindowOpen(conversation.window);
  if (!target.external_id) {
    throw new AppError(
      'unprocessable',
      'reaction_target_not_sent',
      'This message has not reached WhatsApp yet, so it cannot be reacted to.',
    );
  }
  const problem = deps.gateway.checkContent({
    content: { type: 'reaction', targetExternalId: target.external_id, emoji },
    replyToExternalId: null,
  });
  if (problem) throw new AppError('unprocessable', 'not_sendable', problem);
  const now = deps.clock.now();
  await deps.db.transaction(async (query) => {
    await query(
      `INSERT INTO message_reactions (message_id, workspace_id, direction, emoji, reacted_at)
       VALUES ($1, $2, 'outbound', $3, $4)
       ON CONFLICT (message_id, direction) DO UPDATE SET emoji = EXCLUDED.emoji, reacted_at = EXCLUDED.reacted_at`,
      [messageId, actor.workspaceId, emoji, now],
    );
    await deps.outbox.enqueue(query, [
      {
        kind: 'reaction',
        workspaceId: actor.workspaceId,
        channelId: target.channel_id,
        conversationId: target.conversation_id,
        messageId,
        payload: { emoji, reactedAt: now.toISOString() },
      },
    ]);
  });
  deps.outbox.wake([target.channel_id]);
  await deps.notify([
    {
      kind: 'message.updated',
      workspaceId: actor.workspaceId,
      conversationId: target.conversation_id,
      messageId,
    },
  ]);
}
