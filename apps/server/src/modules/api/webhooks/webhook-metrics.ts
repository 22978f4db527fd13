import { Counter } from 'prom-client';
import type { Database } from '../../../platform/db/database';
import { type MetricsRegistry, registerDatabaseGauge } from '../../../platform/metrics';

export interface WebhookMetrics {
  /** One try of a delivery: `delivered`, `failed` (retried later) or `gave_up` (the schedule is spent). */
  countAttempt(outcome: 'delivered' | 'failed' | 'gave_up'): void;
}

/**
 * Outgoing webhooks: each try's outcome, counted by the process that made it, and the deliveries
 * waiting (a first try or a retry), read from `webhook_deliveries` at scrape time.
 */
export function createWebhookMetrics(registry: MetricsRegistry, db: Pick<Database, 'query'>): WebhookMetrics {
  const attempts = new Counter({
    name: 'charla_webhook_attempts_total',
    help: 'Outgoing webhook tries by outcome: delivered (2xx), failed (retried later), gave_up (no retry left).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  registerDatabaseGauge(registry, {
    name: 'charla_webhook_deliveries_pending',
    help: 'Outgoing webhook deliveries waiting for their first try or a retry.',
    read: async () => {
      const [r] = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'`,
      );
      return [{ value: Number(r?.n ?? 0) }];
    },
  });
  return { countAttempt: (outcome) => attempts.inc({ outcome }) };
}
