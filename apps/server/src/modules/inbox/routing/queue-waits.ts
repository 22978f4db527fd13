import type { Query } from '../../../platform/db/database';

export type AssignedBy = 'queue' | 'member' | 'rule';

/**
 * Call after giving waiting conversations to someone, in the same transaction: each one that was
 * waiting (queued, open or pending) gets its wait recorded, and none waits any more.
 */
export async function settleQueueWaits(
  query: Query,
  input: { workspaceId: string; conversationIds: string[]; by: AssignedBy; at: Date },
): Promise<void> {
  if (input.conversationIds.length === 0) return;
  await query(
    `WITH waited AS (
       SELECT id, team_id, queued_at, assignee_user_id, status FROM conversations
        WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND queued_at IS NOT NULL
          AND assignee_user_id IS NOT NULL),
     cleared AS (
       UPDATE conversations c SET queued_at = NULL FROM waited WHERE c.id = waited.id RETURNING c.id)
     INSERT INTO conversation_queue_waits
       (workspace_id, conversation_id, team_id, queued_at, assigned_at, waited_ms, assigned_by, assignee_user_id)
     SELECT $1, w.id, w.team_id, w.queued_at, $3,
            GREATEST(0, round(extract(epoch FROM ($3::timestamptz - w.queued_at)) * 1000))::bigint, $4,
            w.assignee_user_id
       FROM waited w WHERE w.status IN ('open', 'pending')`,
    [input.workspaceId, input.conversationIds, input.at, input.by],
  );
}

/**
 * The conversation waits from `at` if it is open or pending with nobody assigned; otherwise it
 * does not wait. Call after a change of status or assignee, in the same transaction.
 */
export async function requeueIfUnassigned(
  query: Query,
  input: { workspaceId: string; conversationId: string; at: Date; restart: boolean },
): Promise<void> {
  await query(
    `UPDATE conversations
        SET queued_at = CASE WHEN assignee_user_id IS NULL AND status IN ('open', 'pending')
                             THEN CASE WHEN $4 THEN $3 ELSE COALESCE(queued_at, $3) END END
      WHERE workspace_id = $1 AND id = $2`,
    [input.workspaceId, input.conversationId, input.at, input.restart],
  );
}
