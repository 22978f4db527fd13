/**
 * The loop of a worker that drains a table in batches (ARCHITECTURE.md §1, hot paths): woken the
 * moment work is written, it keeps draining while batches come back full, pauses `coalesceMs`
 * after a partial one so a burst lands in few transactions, and otherwise sleeps until woken or
 * until `idleWaitMs()` (a poll for rows another process wrote, or the next timer).
 */
export function createWokenWorker(opts: {
  /** One batch: how many rows it took, and whether it was full (more are surely waiting). */
  drain(): Promise<{ taken: number; full: boolean }>;
  idleWaitMs(): Promise<number>;
  coalesceMs?: number;
  onError(err: unknown): void;
}) {
  let running = false;
  let pending = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wake = null;
    });

  async function run() {
    while (running) {
      pending = false;
      let batch = { taken: 0, full: false };
      try {
        batch = await opts.drain();
      } catch (err) {
        opts.onError(err);
      }
      if (batch.full) continue;
      if (batch.taken > 0 || pending) {
        if (opts.coalesceMs) await new Promise((resolve) => setTimeout(resolve, opts.coalesceMs));
        continue;
      }
      const idleMs = await opts.idleWaitMs().catch(() => 1000);
      // Woken or stopped while the wait was being worked out: no sleep, or the wake-up is lost.
      if (!running || pending) continue;
      await sleep(idleMs);
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

export type WokenWorker = ReturnType<typeof createWokenWorker>;
