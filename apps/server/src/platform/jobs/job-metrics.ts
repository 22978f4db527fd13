import type { Database } from '../db/database';
import { type MetricsRegistry, registerDatabaseGauge } from '../metrics';

/** Background jobs waiting per job type (pg-boss's table), read at scrape time. */
export function registerJobMetrics(registry: MetricsRegistry, db: Pick<Database, 'query'>): void {
  registerDatabaseGauge(registry, {
    name: 'charla_jobs_queued',
    help: 'Background jobs waiting to run (new or to retry), per job type.',
    labelNames: ['job'],
    read: async () =>
      (
        await db.query<{ name: string; n: string }>(
          `SELECT name, count(*) AS n FROM pgboss.job WHERE state IN ('created', 'retry') GROUP BY name`,
        )
      ).map((r) => ({ labels: { job: r.name }, value: Number(r.n) })),
  });
}
