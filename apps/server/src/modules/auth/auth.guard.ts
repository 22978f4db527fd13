import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors';
import type { AuthDeps } from './auth.deps';
import { type AuthContext, authenticateSession } from './sessions';

export const SESSION_COOKIE = 'charla_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

/** preHandler for routes that need a signed-in member; sets `request.auth`. */
export function createAuthGuard(deps: AuthDeps) {
  return async function requireMember(request: FastifyRequest, _reply: FastifyReply) {
    const auth = await authenticateSession(deps, request.cookies[SESSION_COOKIE]);
    if (!auth) throw new AppError('unauthorized', 'unauthorized', 'Sign in to continue.');
    request.auth = auth;
  };
}

export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('unauthorized', 'unauthorized', 'Sign in to continue.');
  return request.auth;
}
