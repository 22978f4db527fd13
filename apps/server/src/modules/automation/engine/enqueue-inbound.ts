import type { Query } from '../../../platform/db/database';
import { stopSequencesOnInbound } from '../sequences/stop-on-inbound';

/** The customer's messages a batch of webhooks stored, and the conversations it opened. */
export interface StoredInbound {
  messageIds: string[];
  createdConversationIds: string[];
  reopenedConversationIds: string[];
}

/**
 * Hands the customer's new messages to automation, inside the ingest's own transaction: a
 * message is stored if and only if automation will see it, once. Only workspaces with a rule
 * turned on (or a conversation with a bot running) get rows; system lines, deletions and edits are not the customer writing.
 */
export async function enqueueInboundForAutomation(query: Query, stored: StoredInbound): Promise<number> {
  if (stored.messageIds.length === 0) return 0;
  // The customer answered: their drip sequences stop before any further step.
  await stopSequencesOnInbound(query, stored.messageIds);
  const rows = await query(
    // Due at once ('-infinity': before any timer, whatever the clocks say).
    `INSERT INTO automation_inbox (workspace_id, kind, conversation_id, message_id, opened, due_at)
     SELECT m.workspace_id, 'message', m.conversation_id, m.id,
            CASE WHEN row_number() OVER (PARTITION BY m.conversation_id ORDER BY m.seq) > 1 THEN NULL
                 WHEN m.conversation_id = ANY($2::uuid[]) THEN 'new'
                 WHEN m.conversation_id = ANY($3::uuid[]) THEN 'reopened' END,
            '-infinity'::timestamptz
       FROM messages m
      WHERE m.id = ANY($1::uuid[]) AND m.direction = 'inbound'
        AND m.type NOT IN ('system', 'revoke', 'edit', 'call')
        AND (EXISTS (SELECT 1 FROM automation_rules r WHERE r.workspace_id = m.workspace_id AND r.enabled)
             -- A bot waiting for this customer hears them even with every rule off.
             OR EXISTS (SELECT 1 FROM bot_sessions s WHERE s.conversation_id = m.conversation_id AND s.status = 'active'))
      ORDER BY m.seq
     RETURNING id`,
    [stored.messageIds, stored.createdConversationIds, stored.reopenedConversationIds],
  );
  return rows.length;
}
