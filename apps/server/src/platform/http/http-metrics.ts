import type { FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';
import type { MetricsRegistry } from '../metrics';

/**
 * `charla_http_request_duration_seconds`: every answer's time by method, route (the pattern, as
 * `/api/conversations/:id`, so the labels stay few) and status class. A path no route matched is
 * `unmatched`.
 */
export function registerHttpMetrics(app: FastifyInstance, registry: MetricsRegistry): void {
  const duration = new Histogram({
    name: 'charla_http_request_duration_seconds',
    help: 'HTTP answers by method, route pattern and status class, in seconds.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: `${Math.floor(reply.statusCode / 100)}xx`,
      },
      reply.elapsedTime / 1000,
    );
  });
}
