import type { Member } from '@charla/contracts';
import { asc, eq } from 'drizzle-orm';
import type { AuthDeps } from './auth.deps';
import { users, workspaceMembers } from './auth.schema';

export async function listMembers(deps: AuthDeps, workspaceId: string): Promise<Member[]> {
  const rows = await deps.orm
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: workspaceMembers.role,
      joinedAt: workspaceMembers.createdAt,
      deactivatedAt: workspaceMembers.deactivatedAt,
    })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.createdAt));
  return rows.map((r) => ({
    ...r,
    joinedAt: r.joinedAt.toISOString(),
    deactivatedAt: r.deactivatedAt?.toISOString() ?? null,
  }));
}
