import type { InboxDeps } from '../inbox.deps';
import { announceConversationEvents } from './conversation-events';

export const REOPEN_SNOOZED_JOB = 'inbox.reopen-snoozed';

/**
 * Snoozed conversations whose time has come are open again (one job per snooze, plus a
 * periodic sweep in case a job was lost). Idempotent: a conversation reopens once.
 */
export async function reopenSnoozedConversations(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'notify' | 'automationEvents'>,
): Promise<number> {
  const now = deps.clock.now();
  let queued = 0;
  const rows = await deps.db.transaction(async (query) => {
    const reopened = await query<{ workspace_id: string; conversation_id: string }>(
      `WITH due AS (
       UPDATE conversations
          SET status = 'open', snoozed_until = NULL,
              queued_at = CASE WHEN assignee_user_id IS NULL THEN $1::timestamptz END
        WHERE status = 'snoozed' AND snoozed_until <= $1
       RETURNING id, workspace_id)
     INSERT INTO conversation_events (workspace_id, conversation_id, kind, from_value, to_value, occurred_at)
     SELECT workspace_id, id, 'status', 'snoozed', 'open', $1 FROM due
     RETURNING workspace_id, conversation_id`,
      [now],
    );
    await announceConversationEvents(
      query,
      reopened.map((r) => ({
        workspaceId: r.workspace_id,
        conversationId: r.conversation_id,
        actorUserId: null,
        kind: 'status' as const,
        from: 'snoozed',
        to: 'open',
        note: null,
        at: now,
      })),
    );
    // A snooze ending is a status change by nobody: rules waiting for it hear it.
    if (reopened.length > 0 && deps.automationEvents)
      queued = await deps.automationEvents.queue(
        query,
        reopened.map((r) => ({
          workspaceId: r.workspace_id,
          conversationId: r.conversation_id,
          change: { type: 'status_changed' as const, from: 'snoozed', to: 'open' },
        })),
      );
    return reopened;
  });
  if (queued > 0) deps.automationEvents?.wake();
  if (rows.length === 0) return 0;
  await deps.notify(
    rows.map((r) => ({
      kind: 'conversation.updated' as const,
      workspaceId: r.workspace_id,
      conversationId: r.conversation_id,
    })),
  );
  return rows.length;
}
