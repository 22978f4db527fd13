import type { FastifyRequest } from 'fastify';
import { sha256Hex } from '../../../platform/crypto';
import { AppError } from '../../../platform/errors';
import { bearerOf } from '../api-key.guard';

/**
 * The rate limit of every keyed route (/api/v1 and the Meta-compatible /graph): one counter per
 * key across them, `perMinute` a minute in this process, IETF RateLimit-* headers on every answer
 * and 429 `rate_limited` with Retry-After beyond it.
 */
export function perKeyRateLimit(perMinute: number) {
  return {
    max: perMinute,
    timeWindow: 60_000,
    groupId: 'api-v1',
    keyGenerator: (req: FastifyRequest) => {
      const token = bearerOf(req);
      return token ? `key:${sha256Hex(token)}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req: FastifyRequest, ctx: { max: number; after: string }) =>
      Object.assign(
        new AppError(
          'rate_limited',
          'rate_limited',
          `This API key made more than ${ctx.max} requests in a minute; retry in ${ctx.after}.`,
        ),
        { statusCode: 429 },
      ),
  };
}
