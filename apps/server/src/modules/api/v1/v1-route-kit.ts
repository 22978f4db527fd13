import type {} from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiCaller, ApiDeps } from '../api.deps';
import { callerOf } from '../api-key.guard';
import { type Answer, idempotent } from './idempotency';

/** What each /api/v1 POST documents about `Idempotency-Key`. */
export const IdempotencyHeader = z.object({
  'idempotency-key': z.string().optional().meta({
    description:
      'Makes a retry safe: the same key and body answer the first result and do nothing again (24 hours)',
  }),
});

export const IdParams = z.object({ id: z.uuid() });

/**
 * A POST's answer under its Idempotency-Key: run once, replayed after (`Idempotent-Replayed`).
 * `run` receives the id what it creates may take (see `idempotent`).
 */
export function idempotentReplyOf(deps: Pick<ApiDeps, 'db' | 'clock'>) {
  return async (
    req: FastifyRequest,
    reply: FastifyReply,
    run: (resourceId: string, resumed: boolean) => Promise<Answer>,
    /** What makes two requests the same; the JSON body unless said (a multipart upload has none). */
    body: unknown = req.body,
  ) => {
    const key = req.headers['idempotency-key'];
    const answer = await idempotent(
      deps,
      callerOf(req),
      typeof key === 'string' ? key : undefined,
      { method: req.method, route: req.url.split('?')[0]!, body },
      run,
    );
    if (answer.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(answer.status).send(answer.body);
  };
}

/**
 * A key acts in the other modules' use cases as an admin of its workspace would (its scopes were
 * checked already); `label` names it where a person's name would go (audit log, threads).
 */
export function keyActor(caller: ApiCaller) {
  return {
    workspaceId: caller.workspaceId,
    role: 'admin' as const,
    label: `API key «${caller.keyName}»`,
    ip: caller.ip,
  };
}
