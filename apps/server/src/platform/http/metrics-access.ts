import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface MetricsAccess {
  /** METRICS_TOKEN: scrapers send `Authorization: Bearer <token>`. */
  token?: string;
  /** METRICS_PUBLIC: anyone who reaches Charla may read them. */
  isPublic: boolean;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may read /metrics. The socket's address says nothing behind a reverse proxy on the same
 * machine (every visitor arrives from 127.0.0.1), so access is a token or an explicit opt-in.
 * Answers the refusal itself and returns false; true when the caller may go on.
 */
export function checkMetricsAccess(req: FastifyRequest, reply: FastifyReply, access: MetricsAccess): boolean {
  if (access.isPublic) return true;
  if (!access.token) {
    reply.status(403).send({
      error: {
        code: 'metrics_disabled',
        message:
          'Metrics are off: set METRICS_TOKEN and have the scraper send "Authorization: Bearer <token>", or set METRICS_PUBLIC=true if only the scraper can reach Charla.',
      },
    });
    return false;
  }
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1] || !timingSafeEqual(digest(match[1].trim()), digest(access.token))) {
    reply
      .status(401)
      .header('www-authenticate', 'Bearer realm="charla-metrics"')
      .send({
        error: {
          code: 'metrics_token_required',
          message:
            'Metrics need "Authorization: Bearer <METRICS_TOKEN>" (the token set in Charla\'s environment).',
        },
      });
    return false;
  }
  return true;
}
