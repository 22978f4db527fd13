import type { Message, SendMessageRequest } from '@charla/contracts';
import { AppError } from '../../../platform/errors';
import { findConversation, loadMessage } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';
import { SEND_MESSAGE_JOB } from './deliver-message';
import { previewOf } from './message-preview';
import { buildOutboundContent } from './outbound-request';

/**
 * An agent's free-form message (text, file, location, contacts, buttons or list). WhatsApp
 * allows these only inside the 24-hour window, so Charla refuses them here, before anything
 * reaches Meta, with the reason and the way out; the same for content WhatsApp would refuse.
 */
export async function sendMessage(
  deps: InboxDeps,
  actor: { workspaceId: string; userId: string },
  conversationId: string,
  request: SendMessageRequest,
): Promise<Message> {
  const conversation = await findConversation(deps, actor.workspaceId, conversationId);
  assertWindowOpen(conversation.window);
  const replyToExternalId = request.replyToMessageId
    ? await findReplyTarget(deps, actor.workspaceId, conversationId, request.replyToMessageId)
    : null;
  const content = await buildOutboundContent(
    deps,
    actor.workspaceId,
    conversation.channelId,
    request as SendMessageRequest & { type: string },
    replyToExternalId,
  );
  const now = deps.clock.now();
  const [row] = await deps.db.query<{ id: string }>(
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
      'media' in content ? content.media.id : null,
    ],
  );
  const messageId = row!.id;
  // If the process dies before this line, recoverStrandedSends queues the job on the next start.
  await deps.jobs.send(SEND_MESSAGE_JOB, { messageId }, { singletonKey: messageId });
  await deps.notify([{ kind: 'message.created', workspaceId: actor.workspaceId, conversationId, messageId }]);
  return loadMessage(deps, actor.workspaceId, messageId);
}

export function assertWindowOpen(window: { isOpen: boolean; expiresAt: string | null }): void {
  if (window.isOpen) return;
  const since = window.expiresAt
    ? `The window closed at ${window.expiresAt}.`
    : 'This customer has not written to you yet.';
  throw new AppError(
    'unprocessable',
    'window_closed',
    `${since} WhatsApp allows free-form messages only within 24 hours of the customer's last message; send an approved template instead.`,
  );
}

/** The quoted message's channel id; it must be in this conversation and known to the channel. */
async function findReplyTarget(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  conversationId: string,
  messageId: string,
): Promise<string> {
  const [target] = await deps.db.query<{ external_id: string | null }>(
    'SELECT external_id FROM messages WHERE workspace_id = $1 AND conversation_id = $2 AND id = $3',
    [workspaceId, conversationId, messageId],
  );
  if (!target)
    throw new AppError(
      'not_found',
      'reply_target_not_found',
      'The message to reply to is not in this conversation.',
    );
  if (!target.external_id) {
    throw new AppError(
      'unprocessable',
      'reply_target_not_sent',
      'The message to reply to has not reached WhatsApp yet; wait for it to be sent, then reply.',
    );
  }
  return target.external_id;
}
