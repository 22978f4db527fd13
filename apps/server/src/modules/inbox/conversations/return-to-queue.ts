import type { InboxDeps } from '../inbox.deps';
import { announceConversationEvents } from './conversation-events';

/**
 * A member lost access (removed or deactivated): every conversation of theirs that is not
 * resolved goes back to the queue, unassigned and waiting from now, with a history line saying
 * why (`note`) and who did it. Browsers showing those conversations are told (and the routing
 * worker, which hands them out again).
 */
export async function returnConversationsToQueue(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'notify'>,
  input: {
    workspaceId: string;
    userId: string;
    actorUserId: string;
    reason: 'member_removed' | 'member_deactivated';
  },
): Promise<number> {
  const now = deps.clock.now();
  const rows = await deps.db.transaction(async (query) => {
    const released = await query<{ conversation_id: string }>(
      `WITH released AS (
       UPDATE conversations
          SET assignee_user_id = NULL,
              -- Open or pending, it waits from now; snoozed, once it reopens.
              queued_at = CASE WHEN status IN ('open', 'pending') THEN $5::timestamptz END
        WHERE workspace_id = $1 AND assignee_user_id = $2 AND status <> 'resolved'
       RETURNING id)
     INSERT INTO conversation_events
       (workspace_id, conversation_id, actor_user_id, kind, from_value, to_value, note, occurred_at)
     SELECT $1, id, $3, 'assignee', $2, NULL, $4, $5 FROM released
     RETURNING conversation_id`,
      [input.workspaceId, input.userId, input.actorUserId, input.reason, now],
    );
    await announceConversationEvents(
      query,
      released.map((r) => ({
        workspaceId: input.workspaceId,
        conversationId: r.conversation_id,
        actorUserId: input.actorUserId,
        kind: 'assignee' as const,
        from: input.userId,
        to: null,
        note: input.reason,
        at: now,
      })),
    );
    return released;
  });
  if (rows.length > 0) {
    await deps.notify(
      rows.map((r) => ({
        kind: 'conversation.updated' as const,
        workspaceId: input.workspaceId,
        conversationId: r.conversation_id,
      })),
    );
  }
  return rows.length;
}
