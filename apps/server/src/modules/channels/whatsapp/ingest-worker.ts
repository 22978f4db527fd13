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
  let running = false;
  let wake: (() => void) | null = null;
  let pending = false;
  let loop: Promise<void> | null = null;

  async function run() {
    while (running) {
      pending = false;
      let taken = 0;
      try {
        taken = await ingestPendingWebhooks(deps, batchSize);
      } catch (err) {
        deps.log.error({ err }, 'ingest worker error');
      }
      if (taken === batchSize) continue;
      if (taken > 0 || pending) {
        await new Promise((resolve) => setTimeout(resolve, opts.coalesceMs ?? 10));
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.pollMs ?? 1000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      pending = true;
      wake?.();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

export type IngestWorker = ReturnType<typeof createIngestWorker>;
