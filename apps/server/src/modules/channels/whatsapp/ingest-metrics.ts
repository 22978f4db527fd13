import type { Database } from '../../../platform/db/database';
import { type MetricsRegistry, registerDatabaseGauge } from '../../../platform/metrics';

/**
 * The ingest's backlog, read from `webhook_events` at scrape time (its partial index of pending
 * events): webhooks acknowledged to Meta and not yet applied, and how long the oldest has waited
 * (the ingest lag: what an agent waits for a message on top of the network).
 */
export function registerIngestMetrics(registry: MetricsRegistry, db: Pick<Database, 'query'>): void {
  // One query for both gauges of a scrape.
  let snapshot: { at: number; figures: Promise<{ pending: number; lag: number }> } | null = null;
  const read = () => {
    if (!snapshot || Date.now() - snapshot.at > 500) {
      const figures = db
        .query<{ pending: string; lag: string | null }>(
          `SELECT count(*) AS pending, extract(epoch FROM now() - min(received_at)) AS lag
             FROM webhook_events WHERE status = 'pending'`,
        )
        .then(([r]) => ({ pending: Number(r?.pending ?? 0), lag: Math.max(0, Number(r?.lag ?? 0)) }));
      snapshot = { at: Date.now(), figures };
    }
    return snapshot.figures;
  };
  registerDatabaseGauge(registry, {
    name: 'charla_ingest_backlog',
    help: 'Webhooks from Meta acknowledged and not yet applied.',
    read: async () => [{ value: (await read()).pending }],
  });
  registerDatabaseGauge(registry, {
    name: 'charla_ingest_lag_seconds',
    help: 'How long the oldest webhook not yet applied has waited, in seconds (0 when none waits).',
    read: async () => [{ value: (await read()).lag }],
  });
}
