import type {
  AcceptInvitationRequestSchema,
  Invitation,
  InvitationPreview,
  InviteRequestSchema,
  Role,
} from '@charla/contracts';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { createToken, sha256Hex } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { invitations, users, workspaceMembers, workspaces } from './auth.schema';
import { emailInvitation } from './email-invitation';
import { hashPassword } from './passwords';

export const INVITATION_DAYS = 7;

export function canInvite(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

export async function inviteMember(
  deps: AuthDeps,
  actor: { userId: string; workspaceId: string; role: Role },
  input: z.output<typeof InviteRequestSchema>,
  meta: { ip?: string; log?: (err: unknown) => void } = {},
): Promise<Invitation> {
  if (!canInvite(actor.role)) {
    throw new AppError('forbidden', 'forbidden', 'Only the owner or an admin can invite people.');
  }
  const [existing] = await deps.orm
    .select({ userId: users.id })
    .from(users)
    .innerJoin(workspaceMembers, eq(workspaceMembers.userId, users.id))
    .where(
      and(eq(sql`lower(${users.email})`, input.email), eq(workspaceMembers.workspaceId, actor.workspaceId)),
    );
  if (existing) {
    throw new AppError(
      'conflict',
      'already_member',
      `${input.email} is already a member of this workspace.`,
      [{ path: 'email', message: 'Already a member' }],
    );
  }
  const token = createToken();
  const expiresAt = new Date(deps.clock.now().getTime() + INVITATION_DAYS * 86_400_000);
  const [row] = await deps.orm
    .insert(invitations)
    .values({
      workspaceId: actor.workspaceId,
      email: input.email,
      role: input.role,
      tokenHash: sha256Hex(token),
      invitedBy: actor.userId,
      expiresAt,
    })
    .returning();
  const invitation: Invitation = {
    id: row!.id,
    email: row!.email,
    role: row!.role,
    url: `${deps.publicUrl}/invite/${token}`,
    expiresAt: expiresAt.toISOString(),
  };
  await recordAudit(deps.orm, {
    workspaceId: actor.workspaceId,
    ...(await auditActor(deps.orm, actor.userId)),
    ip: meta.ip ?? null,
    action: 'invitation.created',
    targetType: 'invitation',
    targetId: invitation.id,
    targetLabel: invitation.email,
    details: { role: invitation.role },
  });
  return { ...invitation, emailed: await emailInvitation(deps, actor, invitation, meta.log) };
}

async function findOpenInvitation(deps: AuthDeps, token: string) {
  const [row] = await deps.orm
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      workspaceId: invitations.workspaceId,
      workspaceName: workspaces.name,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(
      and(
        eq(invitations.tokenHash, sha256Hex(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, deps.clock.now()),
      ),
    );
  if (!row) {
    throw new AppError(
      'not_found',
      'invitation_not_found',
      'This invitation link is unknown, already used or expired. Ask for a new one.',
    );
  }
  return row;
}

export async function previewInvitation(deps: AuthDeps, token: string): Promise<InvitationPreview> {
  const row = await findOpenInvitation(deps, token);
  return { email: row.email, role: row.role, workspaceName: row.workspaceName };
}

export async function acceptInvitation(
  deps: AuthDeps,
  token: string,
  input: z.output<typeof AcceptInvitationRequestSchema>,
  /** The client address, for the audit log's "joined" line. */
  meta: { ip?: string } = {},
): Promise<{ userId: string; workspaceId: string }> {
  const invitation = await findOpenInvitation(deps, token);
  const [existingUser] = await deps.orm
    .select({
      id: users.id,
      memberships: sql<number>`(SELECT count(*) FROM workspace_members m WHERE m.user_id = ${users.id})::int`,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, invitation.email));
  // Someone removed earlier keeps their user row (their name stays on their history): with no
  // workspace left, the invitation gives the account a new name and password.
  if (existingUser && existingUser.memberships > 0) {
    throw new AppError(
      'conflict',
      'account_exists',
      'An account with this email already exists: sign in with it and ask the owner to add you.',
    );
  }
  const passwordHash = await hashPassword(input.password);
  return deps.orm.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: deps.clock.now() })
      .where(
        and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
      )
      .returning({ id: invitations.id });
    if (claimed.length === 0) {
      throw new AppError('not_found', 'invitation_not_found', 'This invitation was just used or revoked.');
    }
    const account = { name: input.name, passwordHash, locale: input.locale };
    const [user] = existingUser
      ? await tx.update(users).set(account).where(eq(users.id, existingUser.id)).returning({ id: users.id })
      : await tx
          .insert(users)
          .values({ email: invitation.email, ...account })
          .returning({ id: users.id });
    await tx.insert(workspaceMembers).values({
      workspaceId: invitation.workspaceId,
      userId: user!.id,
      role: invitation.role,
    });
    await recordAudit(tx, {
      workspaceId: invitation.workspaceId,
      action: 'member.joined',
      actorUserId: user!.id,
      actorLabel: input.name,
      targetType: 'member',
      targetId: user!.id,
      targetLabel: input.name,
      ip: meta.ip ?? null,
      details: { role: invitation.role, invitationId: invitation.id },
    });
    return { userId: user!.id, workspaceId: invitation.workspaceId };
  });
}
