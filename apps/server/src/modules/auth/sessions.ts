import type { Role } from '@charla/contracts';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { createToken, sha256Hex } from '../../platform/crypto';
import type { Orm } from '../../platform/db/database';
import { createGroupCommit, groupCommitPer } from '../../platform/group-commit';
import type { AuthDeps } from './auth.deps';
import { sessions, workspaceMembers } from './auth.schema';

export interface AuthContext {
  userId: string;
  workspaceId: string;
  role: Role;
  sessionId: string;
}

export async function createSession(
  deps: AuthDeps,
  input: { userId: string; workspaceId: string; userAgent?: string; ip?: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = createToken();
  const expiresAt = new Date(deps.clock.now().getTime() + deps.sessionDays * 86_400_000);
  await deps.orm.insert(sessions).values({
    id: sha256Hex(token),
    userId: input.userId,
    workspaceId: input.workspaceId,
    expiresAt,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    ip: input.ip?.slice(0, 100) ?? null,
    lastSeenAt: deps.clock.now(),
  });
  return { token, expiresAt };
}

/**
 * The session behind a cookie, if it is live and its user still belongs to the workspace and is
 * not deactivated.
 */
export async function authenticateSession(
  deps: AuthDeps,
  token: string | undefined,
): Promise<AuthContext | null> {
  if (!token || token.length > 100) return null;
  const id = sha256Hex(token);
  const row = await lookupOf(deps.orm).write(id);
  const now = deps.clock.now();
  if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
  // "Online" for automatic assignment; written at most once a minute per member.
  if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() > SEEN_EVERY_MS) {
    await deps.orm
      .update(workspaceMembers)
      .set({ lastSeenAt: now })
      .where(and(eq(workspaceMembers.userId, row.userId), eq(workspaceMembers.workspaceId, row.workspaceId)));
    deps.memberSeen?.({ workspaceId: row.workspaceId, lastSeenAt: row.lastSeenAt, at: now });
  }
  // "Last seen" in the member's list of their sessions, on the same once-a-minute footing.
  if (!row.sessionSeenAt || now.getTime() - row.sessionSeenAt.getTime() > SEEN_EVERY_MS) {
    await deps.orm.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { userId: row.userId, workspaceId: row.workspaceId, role: row.role, sessionId: id };
}

/**
 * Every request looks its session up: the lookups in flight together share one query (a group
 * read, as replies share their insert), so a busy API does not pay a round trip per request.
 */
const lookupOf = groupCommitPer((orm: Orm) =>
  createGroupCommit(async (ids: string[]) => {
    const rows = await orm
      .select({
        id: sessions.id,
        userId: sessions.userId,
        workspaceId: sessions.workspaceId,
        expiresAt: sessions.expiresAt,
        role: workspaceMembers.role,
        lastSeenAt: workspaceMembers.lastSeenAt,
        sessionSeenAt: sessions.lastSeenAt,
      })
      .from(sessions)
      .innerJoin(
        workspaceMembers,
        and(
          eq(workspaceMembers.userId, sessions.userId),
          eq(workspaceMembers.workspaceId, sessions.workspaceId),
          isNull(workspaceMembers.deactivatedAt),
        ),
      )
      .where(inArray(sessions.id, [...new Set(ids)]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  }),
);

const SEEN_EVERY_MS = 60_000;
