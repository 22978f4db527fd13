/**
 * Coalesces concurrent writes into one round trip: while a flush is in flight, new items
 * wait and go together in the next one. Each caller's promise settles when ITS item is
 * written (or fails with the flush's error), so durability is unchanged; under load the
 * batches grow by themselves, with no timer and no added latency when idle.
 */
export function createGroupCommit<T>(flush: (items: T[]) => Promise<void>, maxBatch = 1000) {
  let queue: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let flushing = false;

  async function drain() {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await flush(batch.map((b) => b.item));
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    flushing = false;
  }

  return {
    write(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!flushing) void drain();
      });
    },
  };
}
