import type { MySession } from '@charla/contracts';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { AuthDeps } from './auth.deps';
import { sessions } from './auth.schema';
import type { Actor } from './member-access';

/** The caller's live sessions in this workspace, the current one first. */
export async function listMySessions(deps: AuthDeps, actor: Actor): Promise<MySession[]> {
  const rows = await deps.orm
    .select({
      rowId: sessions.id,
      id: sessions.publicId,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.workspaceId, actor.workspaceId),
        eq(sessions.userId, actor.userId),
        gt(sessions.expiresAt, deps.clock.now()),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  return rows
    .map(({ rowId, ...r }) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
      isCurrent: rowId === actor.sessionId,
    }))
    .sort((a, b) => Number(b.isCurrent) - Number(a.isCurrent));
}
