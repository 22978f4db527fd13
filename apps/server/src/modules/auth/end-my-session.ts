import { and, eq } from 'drizzle-orm';
import { notFound } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { sessions } from './auth.schema';
import { endSessions } from './end-sessions';
import type { Actor } from './member-access';

/**
 * Ends one of the caller's sessions (by its public id) or, with `others`, every one but this.
 * The browsers behind them are signed out at once, sockets included.
 */
export async function endMySession(
  deps: AuthDeps,
  actor: Actor,
  which: { publicId: string } | { others: true },
): Promise<number> {
  let sessionIds: string[] | undefined;
  if ('publicId' in which) {
    const [row] = await deps.orm
      .select({ id: sessions.id })
      .from(sessions)
      .where(
        and(
          eq(sessions.publicId, which.publicId),
          eq(sessions.userId, actor.userId),
          eq(sessions.workspaceId, actor.workspaceId),
        ),
      );
    if (!row) throw notFound('session');
    sessionIds = [row.id];
  }
  const ended = await endSessions(deps, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    ...(sessionIds ? { sessionIds } : { exceptSessionId: actor.sessionId }),
  });
  if (ended > 0) {
    await recordAudit(deps.orm, {
      workspaceId: actor.workspaceId,
      ...(await auditActor(deps.orm, actor.userId)),
      ip: actor.ip,
      action: 'auth.session_ended',
      targetType: 'session',
      targetId: 'publicId' in which ? which.publicId : null,
      details: { count: ended, ...('others' in which ? { allOthers: true } : {}) },
    });
  }
  return ended;
}
