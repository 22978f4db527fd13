import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Database } from '../../platform/db/database';
import type { OutboxKind } from './claim-items';
import type { OutboxMetrics } from './outbox.deps';

const KINDS: OutboxKind[] = ['message', 'reaction', 'read_receipt'];
/** A scrape reads the queue once for its three gauges; a second scrape within this reads it again. */
const SNAPSHOT_MS = 1_000;

export interface OutboxMetricsDeps {
  db: Pick<Database, 'query'>;
  /** Every number: channel id -> WhatsApp phone number id (the label operators know). */
  numbers(): Promise<Map<string, string>>;
}

type QueueRow = {
  channel_id: string;
  kind: OutboxKind;
  queued: string | number;
  in_doubt: string | number;
  oldest_seconds: string | number | null;
};

/**
 * The outbox's Prometheus metrics, labelled by `phone_number_id`: how many sends wait per number
 * and kind (read from `outbox_items` at scrape time, so every process reports the whole
 * cluster's queue), and, counted by the process that sent them, each send's outcome and how long
 * a conversational send took from being queued to WhatsApp taking it.
 */
export function createOutboxMetrics(registry: Registry, deps: OutboxMetricsDeps): OutboxMetrics {
  let snapshot: { at: number; rows: Promise<{ numbers: Map<string, string>; rows: QueueRow[] }> } | null =
    null;
  const readQueue = () => {
    if (!snapshot || Date.now() - snapshot.at > SNAPSHOT_MS) {
      const rows = Promise.all([
        deps.numbers(),
        deps.db.query<QueueRow>(
          `SELECT channel_id, kind,
                  count(*) FILTER (WHERE state = 'queued') AS queued,
                  count(*) FILTER (WHERE state = 'sending') AS in_doubt,
                  extract(epoch FROM now() - min(created_at) FILTER (WHERE state = 'queued')) AS oldest_seconds
             FROM outbox_items GROUP BY channel_id, kind`,
        ),
      ]).then(([numbers, rows]) => ({ numbers, rows }));
      snapshot = { at: Date.now(), rows };
      // A failed read is not kept: the next scrape tries again.
      rows.catch(() => {
        snapshot = null;
      });
    }
    return snapshot.rows;
  };

  /** Every number and kind gets a value (0 when nothing waits), so a drained queue reads 0. */
  const queueGauge = (name: string, help: string, read: (row: QueueRow) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['phone_number_id', 'kind'] as const,
      registers: [registry],
      async collect() {
        const { numbers, rows } = await readQueue();
        this.reset();
        for (const number of numbers.values())
          for (const kind of KINDS) this.set({ phone_number_id: number, kind }, 0);
        for (const row of rows)
          this.set(
            { phone_number_id: numbers.get(row.channel_id) ?? row.channel_id, kind: row.kind },
            read(row),
          );
      },
    });
  queueGauge('charla_outbox_queued', 'Sends waiting to leave, per number and kind.', (r) => Number(r.queued));
  queueGauge(
    'charla_outbox_in_doubt',
    'Sends handed to WhatsApp with no answer yet (in flight, or waiting for a status webhook).',
    (r) => Number(r.in_doubt),
  );
  queueGauge(
    'charla_outbox_oldest_queued_seconds',
    'Age of the oldest send waiting to leave, in seconds (0 when none waits).',
    (r) => Math.max(0, Number(r.oldest_seconds ?? 0)),
  );

  const sends = new Counter({
    name: 'charla_sends_total',
    help: 'Sends by outcome: sent, retried (refused for now, sent again later), failed (for good), in_doubt (no answer). Kind "broadcast" for broadcast recipients.',
    labelNames: ['phone_number_id', 'kind', 'outcome', 'error_code'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'charla_send_latency_seconds',
    help: 'From a conversational send being queued to WhatsApp taking it, in seconds.',
    labelNames: ['phone_number_id', 'kind'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });

  // The directory answers from memory; the label is the channel id while it cannot answer.
  const numberOf = (channelId: string) =>
    deps
      .numbers()
      .then((numbers) => numbers.get(channelId) ?? channelId)
      .catch(() => channelId);

  return {
    countSend(channelId, kind, outcome, code) {
      void numberOf(channelId).then((number) =>
        sends.inc({ phone_number_id: number, kind, outcome, error_code: code === null ? '' : String(code) }),
      );
    },
    observeLatency(channelId, kind, seconds) {
      void numberOf(channelId).then((number) =>
        latency.observe({ phone_number_id: number, kind }, Math.max(0, seconds)),
      );
    },
  };
}
