import { AppError, notFound } from '../../../platform/errors';
import { findConversation } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';
import { SendFailure } from '../inbox.ports';
import { assertWindowOpen } from './send-message';

export const SEND_REACTION_JOB = 'inbox.send-reaction';

/**
 * The business reacts to a message (an empty emoji removes its reaction). Like any free-form
 * message it needs the 24-hour window. Stored at once so the thread shows it; the job sends it.
 */
export async function reactToMessage(
  deps: InboxDeps,
  actor: { workspaceId: string },
  messageId: string,
  emoji: string,
): Promise<void> {
  const [target] = await deps.db.query<{ conversation_id: string; external_id: string | null; type: string }>(
    'SELECT conversation_id, external_id, type FROM messages WHERE workspace_id = $1 AND id = $2',
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
  await deps.db.query(
    `INSERT INTO message_reactions (message_id, workspace_id, direction, emoji, reacted_at)
     VALUES ($1, $2, 'outbound', $3, $4)
     ON CONFLICT (message_id, direction) DO UPDATE SET emoji = EXCLUDED.emoji, reacted_at = EXCLUDED.reacted_at`,
    [messageId, actor.workspaceId, emoji, now],
  );
  await deps.jobs.send(SEND_REACTION_JOB, { messageId, emoji, reactedAt: now.toISOString() });
  await deps.notify([
    {
      kind: 'message.updated',
      workspaceId: actor.workspaceId,
      conversationId: target.conversation_id,
      messageId,
    },
  ]);
}

/**
 * Sends one reaction. Unlike a message, a reaction has no status of its own in the thread: when
 * WhatsApp refuses it for good, it is taken back off the message (unless a newer one replaced it).
 */
export async function deliverReaction(
  deps: InboxDeps,
  job: { messageId: string; emoji: string; reactedAt: string },
  attempt: { isLast: boolean },
): Promise<void> {
  const [row] = await deps.db.query<{
    workspace_id: string;
    conversation_id: string;
    channel_id: string;
    external_id: string;
    wa_id: string | null;
  }>(
    `SELECT m.workspace_id, m.conversation_id, m.channel_id, m.external_id, ct.wa_id
       FROM message_reactions r JOIN messages m ON m.id = r.message_id
       JOIN conversations c ON c.id = m.conversation_id JOIN contacts ct ON ct.id = c.contact_id
      WHERE r.message_id = $1 AND r.direction = 'outbound' AND r.reacted_at = $2 AND m.external_id IS NOT NULL`,
    [job.messageId, new Date(job.reactedAt)],
  );
  // Replaced by a newer reaction (its own job sends it), or the message is gone.
  if (!row?.wa_id) return;
  try {
    await deps.gateway.send({
      channelId: row.channel_id,
      to: row.wa_id,
      content: { type: 'reaction', targetExternalId: row.external_id, emoji: job.emoji },
      replyToExternalId: null,
    });
  } catch (err) {
    if (err instanceof SendFailure && err.retryable && !attempt.isLast) throw err;
    const removed = await deps.db.query(
      `DELETE FROM message_reactions WHERE message_id = $1 AND direction = 'outbound' AND reacted_at = $2 RETURNING message_id`,
      [job.messageId, new Date(job.reactedAt)],
    );
    if (removed.length > 0) {
      await deps.notify([
        {
          kind: 'message.updated',
          workspaceId: row.workspace_id,
          conversationId: row.conversation_id,
          messageId: job.messageId,
        },
      ]);
    }
  }
}
