import type { Me } from '@charla/contracts';
import { and, eq } from 'drizzle-orm';
import { notFound } from '../../platform/errors';
import type { AuthDeps } from './auth.deps';
import { users, workspaceMembers, workspaces } from './auth.schema';

export async function getMe(deps: AuthDeps, userId: string, workspaceId: string): Promise<Me> {
  const [row] = await deps.orm
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      workspaceName: workspaces.name,
      workspaceTimezone: workspaces.timezone,
      workspaceCountry: workspaces.defaultCountry,
      role: workspaceMembers.role,
    })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaceMembers.userId, userId), eq(workspaceMembers.workspaceId, workspaceId)));
  if (!row) throw notFound('user');
  return {
    user: { id: row.id, name: row.name, email: row.email, locale: row.locale },
    workspace: {
      id: workspaceId,
      name: row.workspaceName,
      timezone: row.workspaceTimezone,
      defaultCountry: row.workspaceCountry,
    },
    role: row.role,
  };
}
