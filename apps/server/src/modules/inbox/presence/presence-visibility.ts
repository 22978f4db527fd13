import type { Database } from '../../../platform/db/database';
import { agentMaySeeSql, type Viewer, visibleConversationsSql } from '../conversations/conversation-access';

/** Whether the member may see the conversation (false as well when it is not in their workspace). */
export async function maySeeConversation(
  db: Pick<Database, 'query'>,
  viewer: Viewer,
  conversationId: string,
): Promise<boolean> {
  const visible = visibleConversationsSql(viewer, 3);
  const [row] = await db.query<{ visible: boolean }>(
    `SELECT ${visible.sql} AS visible FROM conversations c WHERE c.workspace_id = $1 AND c.id = $2`,
    [viewer.workspaceId, conversationId, ...visible.params],
  );
  return row?.visible === true;
}

/**
 * Which of these agents may see which of these conversations of the workspace, by the inbox's
 * own rule (`agentMaySeeSql`), in one query whatever the number of agents and conversations:
 * conversation id → the agents' user ids. Team membership and the workspace's setting are read
 * now, so a change applies to the very next event.
 */
export async function agentsWhoMaySee(
  db: Pick<Database, 'query'>,
  workspaceId: string,
  conversationIds: string[],
  agentUserIds: string[],
): Promise<Map<string, Set<string>>> {
  const seen = new Map<string, Set<string>>();
  const conversations = conversationIds.filter((id) => UUID.test(id));
  const agents = agentUserIds.filter((id) => UUID.test(id));
  if (conversations.length === 0 || agents.length === 0) return seen;
  const rows = await db.query<{ conversation_id: string; user_id: string }>(
    `SELECT c.id AS conversation_id, a.user_id
       FROM conversations c CROSS JOIN unnest($3::uuid[]) AS a(user_id)
      WHERE c.workspace_id = $1 AND c.id = ANY($2::uuid[]) AND ${agentMaySeeSql('a.user_id')}`,
    [workspaceId, [...new Set(conversations)], [...new Set(agents)]],
  );
  for (const r of rows) {
    const set = seen.get(r.conversation_id) ?? new Set<string>();
    set.add(r.user_id);
    seen.set(r.conversation_id, set);
  }
  return seen;
}

/** Which of these members belong to which of these teams of the workspace: team id → user ids. */
export async function teamMembersAmong(
  db: Pick<Database, 'query'>,
  workspaceId: string,
  teamIds: string[],
  userIds: string[],
): Promise<Map<string, Set<string>>> {
  const members = new Map<string, Set<string>>();
  const teams = teamIds.filter((id) => UUID.test(id));
  const users = userIds.filter((id) => UUID.test(id));
  if (teams.length === 0 || users.length === 0) return members;
  const rows = await db.query<{ team_id: string; user_id: string }>(
    `SELECT team_id, user_id FROM team_members
      WHERE workspace_id = $1 AND team_id = ANY($2::uuid[]) AND user_id = ANY($3::uuid[])`,
    [workspaceId, [...new Set(teams)], [...new Set(users)]],
  );
  for (const r of rows) {
    const set = members.get(r.team_id) ?? new Set<string>();
    set.add(r.user_id);
    members.set(r.team_id, set);
  }
  return members;
}

/**
 * Of these members (the sockets of one process), those who may see the conversation: owners and
 * admins always, agents per the workspace's visibility.
 */
export async function membersWhoMaySee(
  db: Pick<Database, 'query'>,
  workspaceId: string,
  conversationId: string,
  members: { userId: string; role: string }[],
): Promise<Set<string>> {
  const allowed = new Set<string>();
  const agents: string[] = [];
  for (const m of members) {
    if (m.role === 'agent') agents.push(m.userId);
    else allowed.add(m.userId);
  }
  const agentsAllowed = await agentsWhoMaySee(db, workspaceId, [conversationId], agents);
  for (const userId of agentsAllowed.get(conversationId) ?? []) allowed.add(userId);
  return allowed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
