/**
 * Coalesces concurrent writes (or reads: each item a key, each result its row) into one round trip: while a flush is in flight, new items
 * wait and go together in the next one. Each caller's promise settles when ITS item is
 * written, with its own result (the flush answers one per item, in order), or fails with the
 * flush's error; so durability is unchanged. Under load the batches grow by themselves, with no
 * timer and no added latency when idle.
 *
 * `isolateFailures`: when a flush of several items fails, each is flushed again alone, so one
 * bad item (a row a constraint refuses) fails only its own caller.
 */
export function createGroupCommit<T, R = void>(
  // biome-ignore lint/suspicious/noConfusingVoidType: a write-only flush is any `async` function returning nothing
  flush: (items: T[]) => Promise<R[] | void>,
  opts: { maxBatch?: number; isolateFailures?: boolean } = {},
) {
  const maxBatch = opts.maxBatch ?? 1000;
  type Waiter = { item: T; resolve: (result: R) => void; reject: (err: unknown) => void };
  let queue: Waiter[] = [];
  let flushing = false;

  async function settle(batch: Waiter[]) {
    try {
      const results = await flush(batch.map((b) => b.item));
      for (const [i, b] of batch.entries()) b.resolve((results ? results[i] : undefined) as R);
    } catch (err) {
      if (!opts.isolateFailures || batch.length === 1) {
        for (const b of batch) b.reject(err);
        return;
      }
      for (const b of batch) await settle([b]);
    }
  }

  async function drain() {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await settle(batch);
    }
    flushing = false;
  }

  return {
    write(item: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!flushing) void drain();
      });
    },
  };
}

export type GroupCommit<T, R = void> = ReturnType<typeof createGroupCommit<T, R>>;

/**
 * One group commit per key (a database handle): the callers sharing the key share its batches,
 * and each key's commit is made on first use and forgotten with the key.
 */
export function groupCommitPer<K extends object, T, R>(
  create: (key: K) => GroupCommit<T, R>,
): (key: K) => GroupCommit<T, R> {
  const byKey = new WeakMap<K, GroupCommit<T, R>>();
  return (key) => {
    let commit = byKey.get(key);
    if (!commit) {
      commit = create(key);
      byKey.set(key, commit);
    }
    return commit;
  };
}
