import { and, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { AuthDeps, SessionsEnded } from './auth.deps';
import { sessions, workspaceMembers } from './auth.schema';

export type { SessionsEnded };

export interface EndSessionsTarget {
  workspaceId: string;
  userId: string;
  /** Only these sessions (ids as in `sessions.id`); all of the member's in the workspace otherwise. */
  sessionIds?: string[];
  /** Keeps this one (changing one's own password ends the others). */
  exceptSessionId?: string;
}

/**
 * Ends a member's sessions: the rows go (their cookies stop working at once) and every process
 * is told to close the realtime sockets opened with them (`deps.sessionsEnded`). Returns how
 * many sessions ended.
 */
export async function endSessions(deps: AuthDeps, target: EndSessionsTarget): Promise<number> {
  if (target.sessionIds?.length === 0) return 0;
  const ended = await deps.orm
    .delete(sessions)
    .where(
      and(
        eq(sessions.workspaceId, target.workspaceId),
        eq(sessions.userId, target.userId),
        target.sessionIds ? inArray(sessions.id, target.sessionIds) : undefined,
        target.exceptSessionId ? ne(sessions.id, target.exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  if (ended.length > 0) {
    await deps.sessionsEnded({
      workspaceId: target.workspaceId,
      userId: target.userId,
      sessionIds: ended.map((s) => s.id),
    });
  }
  return ended.length;
}

/**
 * Of these sessions, those still live, with the member's current role: not ended, not expired,
 * the member still in the workspace and not deactivated (the same test as signing a request in).
 * Sockets whose session is missing here, or whose role changed, are closed by the caller.
 */
export async function liveSessions(
  deps: Pick<AuthDeps, 'orm' | 'clock'>,
  sessionIds: string[],
): Promise<Map<string, { role: string }>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await deps.orm
    .select({ id: sessions.id, role: workspaceMembers.role })
    .from(sessions)
    .innerJoin(
      workspaceMembers,
      and(
        eq(workspaceMembers.userId, sessions.userId),
        eq(workspaceMembers.workspaceId, sessions.workspaceId),
      ),
    )
    .where(
      and(
        inArray(sessions.id, sessionIds),
        gt(sessions.expiresAt, deps.clock.now()),
        isNull(workspaceMembers.deactivatedAt),
      ),
    );
  return new Map(rows.map((r) => [r.id, { role: r.role }]));
}
