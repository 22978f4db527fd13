import type { MessageError } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import type { InboxChange } from '../inbox';

/**
 * A number was disconnected: what still waits to leave through it never will. Its queued
 * messages fail with `error` (the agent sees why, and can send them again once it is
 * reconnected); queued reactions and read receipts are dropped. Sends already claimed are left
 * to their sender: the number is gone from the directory, so a retry fails the same way.
 */
export async function failQueuedSendsOf(
  query: Query,
  channelId: string,
  error: MessageError,
): Promise<InboxChange[]> {
  const rows = await query<{ id: string; conversation_id: string; workspace_id: string }>(
    `WITH gone AS (DELETE FROM outbox_items WHERE channel_id = $1 AND state = 'queued'
                   RETURNING kind, message_id)
     UPDATE messages m SET status = 'failed', error = $2::jsonb
       FROM gone g WHERE g.kind = 'message' AND m.id = g.message_id AND m.status = 'queued'
     RETURNING m.id, m.conversation_id, m.workspace_id`,
    [channelId, JSON.stringify(error)],
  );
  return rows.map((r) => ({
    kind: 'message.updated',
    workspaceId: r.workspace_id,
    conversationId: r.conversation_id,
    messageId: r.id,
  }));
}
