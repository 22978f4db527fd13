import type { Conversation } from '@charla/contracts';
import { notFound } from '../../../platform/errors';
import { type AutomatedBy, recordConversationEvents } from '../conversations/conversation-events';
import { findConversation } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';

/**
 * Puts a workspace label on a conversation or takes it off; a change is one line in the
 * conversation's history (`label`, the name in `to` when added, in `from` when removed).
 * Doing what is already done changes nothing and records nothing. 404 for a conversation or
 * label of another workspace.
 */
export async function setConversationLabel(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'notify' | 'automationEvents'>,
  actor: { workspaceId: string; userId: string | null; automatedBy?: AutomatedBy },
  conversationId: string,
  labelId: string,
  on: boolean,
): Promise<Conversation> {
  const now = deps.clock.now();
  let queued = 0;
  const changed = await deps.db.transaction(async (query) => {
    const [label] = await query<{ name: string }>(
      'SELECT name FROM labels WHERE workspace_id = $1 AND id = $2',
      [actor.workspaceId, labelId],
    );
    if (!label) throw notFound('label');
    const [conversation] = await query('SELECT 1 FROM conversations WHERE workspace_id = $1 AND id = $2', [
      actor.workspaceId,
      conversationId,
    ]);
    if (!conversation) throw notFound('conversation');
    const rows = on
      ? await query(
          `INSERT INTO conversation_labels (conversation_id, label_id, workspace_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING label_id`,
          [conversationId, labelId, actor.workspaceId],
        )
      : await query(
          'DELETE FROM conversation_labels WHERE conversation_id = $1 AND label_id = $2 RETURNING label_id',
          [conversationId, labelId],
        );
    if (rows.length === 0) return false;
    await recordConversationEvents(query, [
      {
        workspaceId: actor.workspaceId,
        conversationId,
        actorUserId: actor.userId,
        kind: 'label',
        from: on ? null : label.name,
        to: on ? label.name : null,
        note: null,
        at: now,
        automatedBy: actor.automatedBy ?? null,
      },
    ]);
    if (on && deps.automationEvents)
      queued = await deps.automationEvents.queue(query, [
        { workspaceId: actor.workspaceId, conversationId, change: { type: 'label_added', labelId } },
      ]);
    return true;
  });
  if (queued > 0) deps.automationEvents?.wake();
  if (changed)
    await deps.notify([{ kind: 'conversation.updated', workspaceId: actor.workspaceId, conversationId }]);
  return findConversation(deps, actor.workspaceId, conversationId);
}
