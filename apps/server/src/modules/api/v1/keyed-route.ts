import { ApiErrorResponses, type ApiScope } from '@charla/contracts';
import { perKeyRateLimit } from './per-key-rate-limit';
import { V1_TAG_PREFIX } from './v1-tags';

/**
 * The options of a keyed /api/v1 route: the key checked first (onRequest: a caller without one
 * learns nothing, not even what is invalid), the per-key rate limit, and the route's schema with
 * its tag, the bearer scheme and every error answer, for the OpenAPI document.
 */
export function keyedRouteOptions<Hook>(guard: (scope: ApiScope) => Hook, perMinute: number) {
  const config = { rateLimit: perKeyRateLimit(perMinute) };
  return <S extends { response: Record<number, unknown> }>(scope: ApiScope, tag: string, schema: S) => ({
    onRequest: guard(scope),
    config,
    schema: {
      ...schema,
      tags: [`${V1_TAG_PREFIX}${tag}`],
      security: [{ apiKey: [] }],
      response: { ...schema.response, ...ApiErrorResponses },
    },
  });
}
