import {
  AcceptInvitationRequestSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  InviteRequestSchema,
  LoginRequestSchema,
  MemberSchema,
  MeSchema,
  SetupRequestSchema,
  SetupStatusSchema,
  UpdateMeRequestSchema,
} from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { accessRoutes } from './access.routes';
import type { AuthDeps } from './auth.deps';
import { authOf, createAuthGuard, SESSION_COOKIE } from './auth.guard';
import { ipKey, withThrottle } from './auth-throttle';
import { endSessions } from './end-sessions';
import { getMe } from './get-me';
import { acceptInvitation, inviteMember, previewInvitation } from './invitations';
import { listMembers } from './list-members';
import { createSession } from './sessions';
import { needsSetup, setupWorkspace } from './setup-workspace';
import { signInWithPassword } from './sign-in';
import { teamsRoutes } from './teams.routes';
import { updateMe } from './update-me';

export interface AuthRoutesOptions {
  deps: AuthDeps;
  loginMaxPerMinute: number;
  secureCookies: boolean;
  /** Lets other modules prepare a new workspace (e.g. its sandbox number). */
  onWorkspaceCreated?: () => Promise<void>;
}

export async function authRoutes(appIn: FastifyInstance, opts: AuthRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const requireMember = createAuthGuard(deps);

  async function signIn(
    request: FastifyRequest,
    reply: FastifyReply,
    ids: { userId: string; workspaceId: string },
  ) {
    const session = await createSession(deps, {
      ...ids,
      userAgent: request.headers['user-agent'],
      ip: request.ip,
    });
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.secureCookies,
      expires: session.expiresAt,
    });
    return getMe(deps, ids.userId, ids.workspaceId);
  }

  const tags = ['auth'];
  app.get('/api/setup', { schema: { tags, response: { 200: SetupStatusSchema } } }, async () => ({
    needsSetup: await needsSetup(deps),
  }));

  app.post(
    '/api/setup',
    { schema: { tags, body: SetupRequestSchema, response: { 200: MeSchema } } },
    async (req, reply) => {
      const ids = await setupWorkspace(deps, req.body, { ip: req.ip });
      await opts.onWorkspaceCreated?.();
      return signIn(req, reply, ids);
    },
  );

  app.post(
    '/api/auth/login',
    {
      schema: { tags, body: LoginRequestSchema, response: { 200: MeSchema } },
      config: { rateLimit: { max: opts.loginMaxPerMinute, timeWindow: 60_000 } },
    },
    async (req, reply) => signIn(req, reply, await signInWithPassword(deps, req.body, { ip: req.ip })),
  );

  app.post('/api/auth/logout', { schema: { tags }, preHandler: requireMember }, async (req, reply) => {
    const auth = authOf(req);
    // The row goes and the sockets opened with this session close, in every process.
    await endSessions(deps, {
      workspaceId: auth.workspaceId,
      userId: auth.userId,
      sessionIds: [auth.sessionId],
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get(
    '/api/me',
    { schema: { tags, response: { 200: MeSchema } }, preHandler: requireMember },
    async (req) => {
      const auth = authOf(req);
      return getMe(deps, auth.userId, auth.workspaceId);
    },
  );

  app.patch(
    '/api/me',
    { schema: { tags, body: UpdateMeRequestSchema, response: { 200: MeSchema } }, preHandler: requireMember },
    async (req) => {
      const auth = authOf(req);
      await updateMe(deps, auth.userId, req.body);
      return getMe(deps, auth.userId, auth.workspaceId);
    },
  );

  app.get(
    '/api/members',
    {
      schema: { tags, response: { 200: z.object({ items: z.array(MemberSchema) }) } },
      preHandler: requireMember,
    },
    async (req) => ({ items: await listMembers(deps, authOf(req).workspaceId) }),
  );

  app.post(
    '/api/invitations',
    {
      schema: { tags, body: InviteRequestSchema, response: { 200: InvitationSchema } },
      preHandler: requireMember,
    },
    async (req) =>
      inviteMember(deps, authOf(req), req.body, {
        ip: req.ip,
        log: (err) => req.log.warn({ err }, 'invitation email not sent'),
      }),
  );

  const TokenParams = z.object({ token: z.string().min(10).max(100) });
  app.get(
    '/api/invitations/:token',
    { schema: { tags, params: TokenParams, response: { 200: InvitationPreviewSchema } } },
    async (req) => previewInvitation(deps, req.params.token),
  );

  app.post(
    '/api/invitations/:token/accept',
    {
      schema: { tags, params: TokenParams, body: AcceptInvitationRequestSchema, response: { 200: MeSchema } },
      config: { rateLimit: { max: opts.loginMaxPerMinute, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      // Guessing invitation links is refused per address, like failed sign-ins.
      const accept = () => acceptInvitation(deps, req.params.token, req.body, { ip: req.ip });
      const notFound = (err: unknown) => err instanceof AppError && err.code === 'invitation_not_found';
      const ids = await withThrottle(deps, [ipKey(req.ip)], accept, notFound);
      return signIn(req, reply, ids);
    },
  );

  await app.register(teamsRoutes, { deps, requireMember });
  await app.register(accessRoutes, { deps, requireMember });
}
