import { createWokenWorker } from '../../../platform/woken-worker';
import { type IngestDeps, ingestPendingWebhooks } from './ingest-webhooks';

/**
 * Drains pending webhook events in batches. The webhook route wakes it the moment it stores
 * an event; the poll interval only matters for events stored by another process. After a
 * batch that was not full it pauses `coalesceMs` so a burst of deliveries lands in one
 * transaction instead of many tiny ones (each holds PGlite's only connection).
 */
export function createIngestWorker(
  deps: IngestDeps,
  opts: { batchSize?: number; pollMs?: number; coalesceMs?: number } = {},
) {
  const batchSize = opts.batchSize ?? 500;
  return createWokenWorker({
    drain: async () => {
      const taken = await ingestPendingWebhooks(deps, batchSize);
      return { taken, full: taken === batchSize };
    },
    idleWaitMs: async () => opts.pollMs ?? 1000,
    coalesceMs: opts.coalesceMs ?? 10,
    onError: (err) => deps.log.error({ err }, 'ingest worker error'),
  });
}

export type IngestWorker = ReturnType<typeof createIngestWorker>;
