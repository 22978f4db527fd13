import type { Query } from '../../../platform/db/database';

/**
 * Gives contact B's conversations to contact A, inside the merge's transaction. On a number
 * where A has no conversation, B's simply changes hands; where A has one, everything in B's
 * (messages, notes, history, labels, sends still waiting) moves into A's and B's is deleted. Messages keep their
 * `occurred_at` and `seq`, which is how a thread is ordered, so the joined thread reads in
 * time order. Answers the ids of A's conversations that gained something.
 */
export async function moveConversations(
  query: Query,
  workspaceId: string,
  sourceId: string,
  targetId: string,
): Promise<string[]> {
  const pairs = await query<{ source: string; target: string | null }>(
    `SELECT s.id AS source, t.id AS target
       FROM conversations s LEFT JOIN conversations t ON t.contact_id = $3 AND t.channel_id = s.channel_id
      WHERE s.workspace_id = $1 AND s.contact_id = $2
      ORDER BY s.id FOR UPDATE OF s`,
    [workspaceId, sourceId, targetId],
  );
  const touched: string[] = [];
  for (const { source, target } of pairs) {
    if (!target) {
      await query('UPDATE conversations SET contact_id = $2 WHERE id = $1', [source, targetId]);
      touched.push(source);
      continue;
    }
    for (const table of ['messages', 'conversation_notes', 'conversation_events', 'outbox_items'])
      await query(`UPDATE ${table} SET conversation_id = $2 WHERE conversation_id = $1`, [source, target]);
    await query(
      `INSERT INTO conversation_labels (conversation_id, label_id, workspace_id, created_at)
       SELECT $2, label_id, workspace_id, created_at FROM conversation_labels WHERE conversation_id = $1
       ON CONFLICT DO NOTHING`,
      [source, target],
    );
    // The joined conversation: latest activity of both; reopened if B's was still being worked on;
    // B's unread messages stay unread; A's assignment stays unless it had none.
    await query(
      `UPDATE conversations t SET
              last_inbound_at = GREATEST(t.last_inbound_at, s.last_inbound_at),
              last_activity_at = GREATEST(t.last_activity_at, s.last_activity_at),
              unread_count = t.unread_count + s.unread_count,
              status = CASE WHEN t.status = 'resolved' AND s.status IN ('open', 'pending') THEN s.status ELSE t.status END,
              snoozed_until = CASE WHEN t.status = 'resolved' AND s.status IN ('open', 'pending') THEN NULL
                                   ELSE t.snoozed_until END,
              assignee_user_id = COALESCE(t.assignee_user_id, s.assignee_user_id),
              team_id = COALESCE(t.team_id, s.team_id)
         FROM conversations s WHERE s.id = $1 AND t.id = $2`,
      [source, target],
    );
    await query('DELETE FROM conversations WHERE id = $1', [source]);
    touched.push(target);
  }
  return touched;
}
