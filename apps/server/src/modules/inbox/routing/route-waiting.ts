import type { Query } from '../../../platform/db/database';
import { recordConversationEvents } from '../conversations/conversation-events';
import type { InboxChange } from '../inbox.ports';
import { lockRouting, pickRoundRobinMember } from './pick-round-robin';
import { settleQueueWaits } from './queue-waits';

/** Waiting in the sense of `conversations_waiting_idx` (the partial index these queries walk). */
const WAITING = `c.queued_at IS NOT NULL AND c.assignee_user_id IS NULL AND c.status IN ('open', 'pending')`;

/**
 * Hands a workspace's waiting conversations out, oldest first within each team's queue (a
 * conversation with no team waits in the workspace's queue, that of `auto_assign_team_id`), each
 * to the round robin's pick, until nobody qualifies or `limit` went. Only with automatic
 * assignment on. Conversations another transaction holds are skipped (`SKIP LOCKED`), and the
 * routing lock keeps two processes from giving one member more than the cap, so nothing is
 * assigned twice. Returns the changes to announce after commit, and whether the limit stopped it.
 */
export async function routeWaitingConversations(
  query: Query,
  workspaceId: string,
  opts: { at: Date; limit: number },
): Promise<{ changes: InboxChange[]; more: boolean }> {
  await lockRouting(query, workspaceId);
  const [ws] = await query<{ auto_assign: boolean; auto_assign_team_id: string | null }>(
    'SELECT auto_assign, auto_assign_team_id FROM workspaces WHERE id = $1',
    [workspaceId],
  );
  const changes: InboxChange[] = [];
  if (!ws?.auto_assign) return { changes, more: false };
  const queues = await query<{ team_id: string | null }>(
    `SELECT DISTINCT COALESCE(c.team_id, $2::uuid) AS team_id FROM conversations c
      WHERE c.workspace_id = $1 AND ${WAITING}`,
    [workspaceId, ws.auto_assign_team_id],
  );
  for (const { team_id: teamId } of queues) {
    while (changes.length < opts.limit) {
      const userId = await pickRoundRobinMember(query, { workspaceId, teamId });
      if (!userId) break;
      const [next] = await query<{ id: string; team_id: string | null }>(
        `SELECT c.id, c.team_id FROM conversations c
          WHERE c.workspace_id = $1 AND ${WAITING}
            AND (c.team_id = $2::uuid OR (c.team_id IS NULL AND $3::uuid IS NOT DISTINCT FROM $2::uuid))
          ORDER BY c.queued_at, c.id LIMIT 1
          FOR UPDATE OF c SKIP LOCKED`,
        [workspaceId, teamId, ws.auto_assign_team_id],
      );
      if (!next) break;
      await assignFromQueue(query, {
        workspaceId,
        conversationId: next.id,
        userId,
        teamId: next.team_id ?? teamId,
        joinsTeam: !next.team_id && teamId !== null,
        at: opts.at,
      });
      changes.push({ kind: 'conversation.updated', workspaceId, conversationId: next.id });
    }
  }
  return { changes, more: changes.length >= opts.limit };
}

async function assignFromQueue(
  query: Query,
  a: {
    workspaceId: string;
    conversationId: string;
    userId: string;
    teamId: string | null;
    /** A conversation of the workspace's queue joins the team of automatic assignment. */
    joinsTeam: boolean;
    at: Date;
  },
): Promise<void> {
  await query('UPDATE conversations SET assignee_user_id = $2, team_id = $3 WHERE id = $1', [
    a.conversationId,
    a.userId,
    a.teamId,
  ]);
  // To the back of the line, even when several go within one instant of the clock.
  await query(
    `UPDATE workspace_members SET last_auto_assigned_at = GREATEST($3::timestamptz,
       (SELECT max(last_auto_assigned_at) FROM workspace_members WHERE workspace_id = $1) + interval '1 millisecond')
      WHERE workspace_id = $1 AND user_id = $2`,
    [a.workspaceId, a.userId, a.at],
  );
  const base = {
    workspaceId: a.workspaceId,
    conversationId: a.conversationId,
    actorUserId: null,
    note: null,
    at: a.at,
  };
  await recordConversationEvents(query, [
    ...(a.joinsTeam ? [{ ...base, kind: 'team' as const, from: null, to: a.teamId }] : []),
    { ...base, kind: 'assignee', from: null, to: a.userId },
  ]);
  await settleQueueWaits(query, {
    workspaceId: a.workspaceId,
    conversationIds: [a.conversationId],
    by: 'queue',
    at: a.at,
  });
}
