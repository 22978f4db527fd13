import { notFound } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';

/**
 * The agent has seen the thread: clear the unread count and send WhatsApp a read receipt for
 * the latest customer message (the customer sees blue ticks).
 */
export async function markConversationRead(
  deps: Pick<InboxDeps, 'db' | 'outbox' | 'notify'>,
  workspaceId: string,
  conversationId: string,
): Promise<void> {
  const [row] = await deps.db.query<{
    had_unread: boolean;
    last_inbound_id: string | null;
    channel_id: string;
  }>(
    `WITH prev AS (SELECT unread_count FROM conversations WHERE workspace_id = $1 AND id = $2)
     UPDATE conversations c SET unread_count = 0 FROM prev
      WHERE c.workspace_id = $1 AND c.id = $2
     RETURNING prev.unread_count > 0 AS had_unread, c.channel_id,
       (SELECT m.id FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound'
         ORDER BY m.occurred_at DESC, m.seq DESC LIMIT 1) AS last_inbound_id`,
    [workspaceId, conversationId],
  );
  if (!row) throw notFound('conversation');
  if (!row.had_unread) return;
  if (row.last_inbound_id) {
    const receipt = {
      kind: 'read_receipt' as const,
      workspaceId,
      channelId: row.channel_id,
      conversationId,
      messageId: row.last_inbound_id,
    };
    await deps.outbox.enqueue(deps.db.query, [receipt]);
    deps.outbox.wake([row.channel_id]);
  }
  await deps.notify([{ kind: 'conversation.updated', workspaceId, conversationId }]);
}
