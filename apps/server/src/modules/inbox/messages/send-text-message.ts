import type { Message } from '@charla/contracts';
import { AppError } from '../../../platform/errors';
import { findConversation } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';
import { SEND_MESSAGE_JOB } from './deliver-message';

/**
 * An agent's free-form reply. WhatsApp allows it only inside the 24-hour window, so Charla
 * refuses it here, before anything reaches Meta, with the reason and the way out.
 */
export async function sendTextMessage(
  deps: InboxDeps,
  actor: { workspaceId: string; userId: string },
  conversationId: string,
  text: string,
): Promise<Message> {
  const conversation = await findConversation(deps, actor.workspaceId, conversationId);
  if (!conversation.window.isOpen) {
    const since = conversation.window.expiresAt
      ? `The window closed at ${conversation.window.expiresAt}.`
      : 'This customer has not written to you yet.';
    throw new AppError(
      'unprocessable',
      'window_closed',
      `${since} WhatsApp allows free-form messages only within 24 hours of the customer's last message; send an approved template instead.`,
    );
  }
  const now = deps.clock.now();
  const [row] = await deps.db.query<{ id: string }>(
    `WITH m AS (
       INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, status, sender_user_id, occurred_at)
       VALUES ($1, $2, $3, 'outbound', 'text', $4, $5::jsonb, 'queued', $6, $7) RETURNING id)
     , c AS (UPDATE conversations SET last_activity_at = GREATEST(last_activity_at, $7) WHERE id = $2)
     SELECT id FROM m`,
    [
      actor.workspaceId,
      conversationId,
      conversation.channelId,
      text,
      JSON.stringify({ type: 'text', body: text }),
      actor.userId,
      now,
    ],
  );
  const messageId = row!.id;
  // If the process dies before this line, recoverStrandedSends queues the job on the next start.
  await deps.jobs.send(SEND_MESSAGE_JOB, { messageId }, { singletonKey: messageId });
  await deps.notify([{ kind: 'message.created', workspaceId: actor.workspaceId, conversationId, messageId }]);
  const [sender] = await deps.db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [
    actor.userId,
  ]);
  return {
    id: messageId,
    conversationId,
    direction: 'outbound',
    type: 'text',
    text,
    status: 'queued',
    error: null,
    senderName: sender?.name ?? null,
    createdAt: now.toISOString(),
    content: { type: 'text', body: text },
    replyTo: null,
    reactions: [],
    forwarded: null,
    referral: null,
  };
}
