import {
  AuthOptionsSchema,
  ChangePasswordRequestSchema,
  ChangeRoleRequestSchema,
  ForgotPasswordRequestSchema,
  InvitationSchema,
  MemberSchema,
  MySessionSchema,
  PasswordResetLinkSchema,
  PasswordResetPreviewSchema,
  PendingInvitationSchema,
  ResetPasswordRequestSchema,
  TransferOwnershipResultSchema,
} from '@charla/contracts';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthDeps } from './auth.deps';
import { authOf } from './auth.guard';
import { changeMemberRole } from './change-member-role';
import { changePassword } from './change-password';
import { createPasswordReset } from './create-password-reset';
import { deactivateMember } from './deactivate-member';
import { endMySession } from './end-my-session';
import { listInvitations } from './list-invitations';
import { listMySessions } from './list-my-sessions';
import type { Actor } from './member-access';
import { reactivateMember } from './reactivate-member';
import { removeMember } from './remove-member';
import { renewInvitation } from './renew-invitation';
import { requestPasswordReset } from './request-password-reset';
import { previewPasswordReset, resetPassword } from './reset-password';
import { revokeInvitation } from './revoke-invitation';
import { transferOwnership } from './transfer-ownership';

/**
 * Managing who has access: members' roles, deactivation and removal, pending invitations,
 * ownership, one's own password and sessions, and password reset links.
 */
export async function accessRoutes(
  appIn: FastifyInstance,
  opts: { deps: AuthDeps; requireMember: preHandlerAsyncHookHandler },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember } = opts;
  const actorOf = (req: FastifyRequest): Actor => ({ ...authOf(req), ip: req.ip });
  const logWith = (req: FastifyRequest) => (err: unknown) => req.log.warn({ err }, 'email not sent');
  const tags = ['access'];
  const Member = z.object({ userId: z.uuid() });
  const Id = z.object({ id: z.uuid() });
  const Token = z.object({ token: z.string().min(10).max(100) });
  const member = { preHandler: requireMember };

  // Public: what the sign-in page may offer, "forgot password", and the reset link's page.
  app.get('/api/auth/options', { schema: { tags, response: { 200: AuthOptionsSchema } } }, async () => ({
    passwordResetByEmail: deps.mailer !== null,
  }));
  app.post(
    '/api/auth/forgot-password',
    { schema: { tags, body: ForgotPasswordRequestSchema } },
    async (req, reply) => {
      await requestPasswordReset(deps, { email: req.body.email, ip: req.ip }, logWith(req));
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/password-resets/:token',
    { schema: { tags, params: Token, response: { 200: PasswordResetPreviewSchema } } },
    async (req) => previewPasswordReset(deps, req.params.token, req.ip),
  );
  app.post(
    '/api/password-resets/:token',
    { schema: { tags, params: Token, body: ResetPasswordRequestSchema } },
    async (req, reply) => {
      await resetPassword(deps, req.params.token, req.body.password, req.ip);
      return reply.status(204).send();
    },
  );

  // Members (owners and admins).
  app.patch(
    '/api/members/:userId',
    {
      ...member,
      schema: { tags, params: Member, body: ChangeRoleRequestSchema, response: { 200: MemberSchema } },
    },
    async (req) => changeMemberRole(deps, actorOf(req), req.params.userId, req.body.role),
  );
  app.post(
    '/api/members/:userId/deactivate',
    { ...member, schema: { tags, params: Member, response: { 200: MemberSchema } } },
    async (req) => deactivateMember(deps, actorOf(req), req.params.userId),
  );
  app.post(
    '/api/members/:userId/reactivate',
    { ...member, schema: { tags, params: Member, response: { 200: MemberSchema } } },
    async (req) => reactivateMember(deps, actorOf(req), req.params.userId),
  );
  app.delete('/api/members/:userId', { ...member, schema: { tags, params: Member } }, async (req, reply) => {
    await removeMember(deps, actorOf(req), req.params.userId);
    return reply.status(204).send();
  });
  app.post(
    '/api/members/:userId/password-reset',
    { ...member, schema: { tags, params: Member, response: { 200: PasswordResetLinkSchema } } },
    async (req) => createPasswordReset(deps, actorOf(req), req.params.userId, logWith(req)),
  );
  app.post(
    '/api/members/:userId/transfer-ownership',
    { ...member, schema: { tags, params: Member, response: { 200: TransferOwnershipResultSchema } } },
    async (req) => transferOwnership(deps, actorOf(req), req.params.userId),
  );

  // Pending invitations (owners and admins).
  app.get(
    '/api/invitations',
    { ...member, schema: { tags, response: { 200: z.object({ items: z.array(PendingInvitationSchema) }) } } },
    async (req) => ({ items: await listInvitations(deps, actorOf(req)) }),
  );
  app.delete('/api/invitations/:id', { ...member, schema: { tags, params: Id } }, async (req, reply) => {
    await revokeInvitation(deps, actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.post(
    '/api/invitations/:id/renew',
    { ...member, schema: { tags, params: Id, response: { 200: InvitationSchema } } },
    async (req) => renewInvitation(deps, actorOf(req), req.params.id, logWith(req)),
  );

  // One's own password and sessions (every member).
  app.post(
    '/api/me/password',
    { ...member, schema: { tags, body: ChangePasswordRequestSchema } },
    async (req, reply) => {
      await changePassword(deps, actorOf(req), req.body);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/me/sessions',
    { ...member, schema: { tags, response: { 200: z.object({ items: z.array(MySessionSchema) }) } } },
    async (req) => ({ items: await listMySessions(deps, actorOf(req)) }),
  );
  app.delete('/api/me/sessions/:id', { ...member, schema: { tags, params: Id } }, async (req, reply) => {
    await endMySession(deps, actorOf(req), { publicId: req.params.id });
    return reply.status(204).send();
  });
  app.delete('/api/me/sessions', { ...member, schema: { tags } }, async (req, reply) => {
    await endMySession(deps, actorOf(req), { others: true });
    return reply.status(204).send();
  });
}
