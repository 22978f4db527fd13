import type { Member, Role } from '@charla/contracts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Orm } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/errors';
import { users, workspaceMembers } from './auth.schema';

/** Who is acting, as the access routes see them. */
export interface Actor {
  userId: string;
  workspaceId: string;
  role: Role;
  sessionId: string;
  /** The client address (request.ip, which honours TRUST_PROXY only), for the audit log. */
  ip: string;
}

export function requireManager(actor: Actor): void {
  if (actor.role !== 'owner' && actor.role !== 'admin') {
    throw new AppError('forbidden', 'forbidden', 'Only the owner or an admin can manage members.');
  }
}

/** An admin manages admins and agents; only an owner touches an owner or makes one. */
export function requireMayManage(actor: Actor, target: { role: Role }, newRole?: Role): void {
  if (actor.role === 'owner') return;
  if (target.role === 'owner' || newRole === 'owner') {
    throw new AppError(
      'forbidden',
      'owner_only',
      'Only an owner can change, deactivate or remove an owner, or make someone owner.',
    );
  }
}

export interface MemberRow extends Member {
  locale: 'es' | 'en';
}

/** The member, read inside the caller's transaction (`FOR UPDATE` with `lock`). */
export async function findMember(
  orm: Orm,
  workspaceId: string,
  userId: string,
  opts: { lock?: boolean } = {},
): Promise<MemberRow> {
  const query = orm
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      role: workspaceMembers.role,
      joinedAt: workspaceMembers.createdAt,
      deactivatedAt: workspaceMembers.deactivatedAt,
    })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  const [row] = opts.lock ? await query.for('update', { of: workspaceMembers }) : await query;
  if (!row) throw notFound('member');
  return {
    ...row,
    joinedAt: row.joinedAt.toISOString(),
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
  };
}

/**
 * Serialises the changes to one workspace's members (roles, deactivation, removal, ownership)
 * for the rest of the transaction: two owners demoting each other at once end with one owner,
 * never none, and never a deadlock between their row locks.
 */
export async function lockMembers(orm: Orm, actor: Actor): Promise<Actor> {
  await orm.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`members:${actor.workspaceId}`}))`);
  // The caller's role now, not when their request was signed in: a change that just committed
  // (they were demoted, deactivated or removed) counts.
  const [me] = await orm
    .select({ role: workspaceMembers.role, deactivatedAt: workspaceMembers.deactivatedAt })
    .from(workspaceMembers)
    .where(
      and(eq(workspaceMembers.workspaceId, actor.workspaceId), eq(workspaceMembers.userId, actor.userId)),
    );
  if (!me || me.deactivatedAt) throw new AppError('unauthorized', 'unauthorized', 'Sign in to continue.');
  return { ...actor, role: me.role };
}

/**
 * Throws unless another active owner would remain once `userId` stops being one. Locks the
 * workspace's owner rows, so two owners demoting each other at once cannot leave none.
 */
export async function requireAnotherOwner(orm: Orm, workspaceId: string, userId: string): Promise<void> {
  const owners = await orm
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(
      and(
        eq(workspaceMembers.workspaceId, workspaceId),
        eq(workspaceMembers.role, 'owner'),
        isNull(workspaceMembers.deactivatedAt),
      ),
    )
    .for('update');
  if (!owners.some((o) => o.userId !== userId)) {
    throw new AppError(
      'conflict',
      'last_owner',
      'This is the last owner of the workspace: transfer ownership to another member first.',
    );
  }
}

export function auditBase(actor: Actor) {
  return { workspaceId: actor.workspaceId, actorUserId: actor.userId, ip: actor.ip };
}
