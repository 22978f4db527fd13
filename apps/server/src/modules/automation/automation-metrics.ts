import type { Database } from '../../platform/db/database';
import { type MetricsRegistry, registerDatabaseGauge } from '../../platform/metrics';

/**
 * Automation's backlog, read from `automation_inbox` at scrape time: customers' messages and
 * timers due and not yet handled by the rules and bots, and how long the oldest has waited.
 */
export function registerAutomationMetrics(registry: MetricsRegistry, db: Pick<Database, 'query'>): void {
  const read = () =>
    db
      .query<{ due: string; lag: string | null }>(
        `SELECT count(*) AS due,
                extract(epoch FROM now() - min(CASE WHEN due_at = '-infinity' THEN created_at ELSE due_at END)) AS lag
           FROM automation_inbox WHERE error IS NULL AND due_at <= now()`,
      )
      .then(([r]) => ({ due: Number(r?.due ?? 0), lag: Math.max(0, Number(r?.lag ?? 0)) }));
  registerDatabaseGauge(registry, {
    name: 'charla_automation_backlog',
    help: 'Customer messages and timers due for the rules and bots, not yet handled.',
    read: async () => [{ value: (await read()).due }],
  });
  registerDatabaseGauge(registry, {
    name: 'charla_automation_lag_seconds',
    help: 'How long the oldest due item has waited for the rules and bots, in seconds.',
    read: async () => [{ value: (await read()).lag }],
  });
}
