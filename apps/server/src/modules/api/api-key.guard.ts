import type { ApiScope } from '@charla/contracts';
import { scopeAllows } from '@charla/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors';
import type { ApiCaller, ApiDeps } from './api.deps';
import { authenticateApiKey } from './keys/api-key-auth';

declare module 'fastify' {
  interface FastifyRequest {
    apiCaller: ApiCaller | null;
  }
}

const WHY = {
  missing: 'Send an API key as "Authorization: Bearer chk_…" (make one in Settings › API keys).',
  unknown:
    'This API key is not valid: check that it was copied whole, or make a new one in Settings › API keys.',
  revoked: 'This API key was revoked; make a new one in Settings › API keys.',
  expired: 'This API key has expired; make a new one in Settings › API keys.',
} as const;

/** The key behind a request, from `Authorization: Bearer <key>`. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token.trim() : '';
}

/** onRequest hook of every /api/v1 route: a live key that holds `scope`. */
export function createApiKeyGuard(deps: Pick<ApiDeps, 'db' | 'clock'>) {
  return (scope: ApiScope) =>
    async function requireApiKey(request: FastifyRequest, reply: FastifyReply) {
      const check = await authenticateApiKey(deps, bearerOf(request), request.ip);
      if (!check.ok) {
        reply.header('www-authenticate', 'Bearer realm="charla"');
        throw new AppError('unauthorized', `api_key_${check.reason}`, WHY[check.reason]);
      }
      if (!scopeAllows(check.caller.scopes, scope)) {
        throw new AppError(
          'forbidden',
          'missing_scope',
          `This API key may not do this: it needs the scope ${scope}. Make a key with it in Settings › API keys.`,
          undefined,
          { scope },
        );
      }
      request.apiCaller = check.caller;
    };
}

export function callerOf(request: FastifyRequest): ApiCaller {
  if (!request.apiCaller) throw new AppError('unauthorized', 'api_key_missing', WHY.missing);
  return request.apiCaller;
}
