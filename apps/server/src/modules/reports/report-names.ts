import type { Query } from '../../platform/db/database';

/** The workspace's members and teams by id, to name the rows of a report. */
export async function reportNames(q: Query, workspaceId: string) {
  const [members, teams] = await Promise.all([
    q<{ id: string; name: string }>(
      `SELECT u.id, u.name FROM workspace_members m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1`,
      [workspaceId],
    ),
    q<{ id: string; name: string }>('SELECT id, name FROM teams WHERE workspace_id = $1', [workspaceId]),
  ]);
  return { members, teams };
}
