import type { Query } from '../../../platform/db/database';
import { recordConversationEvents } from './conversation-events';

/** A member is online with a live session used within this time (API calls, the realtime socket). */
export const ONLINE_WITHIN_MINUTES = 5;

/**
 * New conversations of workspaces with automatic assignment on go, round robin, to the online
 * member of the configured team (any member when none) who got one longest ago, skipping those
 * with `auto_assign_cap` open or pending conversations. Runs in the ingest's transaction, so a
 * conversation is assigned once; when nobody qualifies it stays unassigned.
 */
export async function autoAssignConversations(
  query: Query,
  created: { id: string; workspaceId: string }[],
): Promise<void> {
  for (const conversation of created) {
    const [pick] = await query<{ user_id: string; team_id: string | null; now: Date }>(
      `SELECT wm.user_id, w.auto_assign_team_id AS team_id, now() AS now
         FROM workspaces w JOIN workspace_members wm ON wm.workspace_id = w.id
        WHERE w.id = $1 AND w.auto_assign
          AND wm.last_seen_at > now() - make_interval(mins => $2)
          AND (w.auto_assign_team_id IS NULL OR EXISTS (
                SELECT 1 FROM team_members tm WHERE tm.team_id = w.auto_assign_team_id AND tm.user_id = wm.user_id))
          AND (SELECT count(*) FROM conversations c
                WHERE c.workspace_id = w.id AND c.assignee_user_id = wm.user_id
                  AND c.status IN ('open', 'pending')) < w.auto_assign_cap
        ORDER BY wm.last_auto_assigned_at ASC NULLS FIRST, wm.created_at ASC
        LIMIT 1
        FOR UPDATE OF wm`,
      [conversation.workspaceId, ONLINE_WITHIN_MINUTES],
    );
    if (!pick) continue;
    await query(
      `UPDATE conversations SET assignee_user_id = $2, team_id = COALESCE(team_id, $3)
        WHERE id = $1 AND assignee_user_id IS NULL`,
      [conversation.id, pick.user_id, pick.team_id],
    );
    await query(
      'UPDATE workspace_members SET last_auto_assigned_at = now() WHERE workspace_id = $1 AND user_id = $2',
      [conversation.workspaceId, pick.user_id],
    );
    const base = {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      actorUserId: null,
      note: null,
      at: new Date(pick.now),
    };
    await recordConversationEvents(query, [
      ...(pick.team_id ? [{ ...base, kind: 'team' as const, from: null, to: pick.team_id }] : []),
      { ...base, kind: 'assignee', from: null, to: pick.user_id },
    ]);
  }
}
