import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import type { Database } from '../db/database';

export interface JobDefinition<T extends object> {
  /** `module.verb-noun`, e.g. `inbox.send-message`. */
  name: string;
  /** Throw to have the queue retry later (up to `retryLimit`); `attempt.isLast` says it will not. */
  handler(data: T, attempt: JobAttempt): Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How many jobs of this type one process runs at the same time (default 4). */
  concurrency?: number;
}

export interface JobAttempt {
  /** 0 on the first run. */
  retryCount: number;
  isLast: boolean;
}

export interface JobQueue {
  define<T extends object>(job: JobDefinition<T>): void;
  send<T extends object>(
    name: string,
    data: T,
    opts?: { singletonKey?: string; startAfterSeconds?: number },
  ): Promise<void>;
  schedule(name: string, cron: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_CONCURRENCY = 4;
/**
 * Jobs sent from this process wake a worker at once; polling only finds the others (sent by
 * another process, cron, retries coming due). One worker per queue polls at pg-boss's minimum,
 * the rest seldom: a worker that gets a job wakes the next idle one, so they join within a fetch.
 */
const FIRST_WORKER_POLL_SECONDS = 0.5;
const OTHER_WORKERS_POLL_SECONDS = 5;
const STOP_TIMEOUT_MS = 5000;

interface Worker {
  id: string;
  isBusy: boolean;
}

/** The advisory lock key processes take to set pg-boss up one at a time (see database.ts for migrations'). */
const JOB_SETUP_LOCK = 7_419_042_002;

/**
 * pg-boss makes its schema and queues the first time it starts, and processes started together on
 * an empty database collided doing so (a duplicate schema, a deadlock): each takes a transaction
 * lock first, held while its setup runs on the pool's other connections. PGlite has one process.
 */
async function oneProcessAtATime(db: Database, setUp: () => Promise<void>): Promise<void> {
  if (db.kind !== 'postgres') return setUp();
  await db.transaction(async (query) => {
    await query('SELECT pg_advisory_xact_lock($1)', [JOB_SETUP_LOCK]);
    await setUp();
  });
}

/** pg-boss on the database we already have: natively on PostgreSQL, through executeSql on PGlite. */
export function createJobQueue(db: Database, onError: (err: unknown) => void): JobQueue {
  // Graceful stop waits for these: handlers, and pg-boss's own statements (it completes or fails
  // a job without awaiting it, and a worker's fetch may still be on its way back).
  const inFlight = new Set<Promise<unknown>>();
  const track = <R>(promise: Promise<R>): Promise<R> => {
    inFlight.add(promise);
    const forget = () => inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  };
  const boss = new PgBoss({
    db: {
      executeSql: (text: string, values: unknown[]) =>
        track(
          (async () => ({
            rows: values && values.length > 0 ? await db.query(text, values) : await db.exec(text),
          }))(),
        ),
    },
  });
  boss.on('error', onError);
  const definitions: JobDefinition<object>[] = [];
  const workers = new Map<string, Worker[]>();
  const wakeOneIdle = (name: string) => {
    const idle = workers.get(name)?.find((w) => !w.isBusy);
    if (idle) boss.notifyWorker(idle.id);
  };
  let started = false;

  /**
   * `concurrency` workers that each fetch one job, not one worker fetching batches: pg-boss 10
   * settles a batch as a whole (a throwing handler fails every job of it; otherwise it completes
   * every id of it after the handler, without awaiting). Settling each job ourselves inside a
   * batch would race that trailing complete: a job we failed with no retry delay can be fetched
   * again (here or by another process) and then be marked completed by it, its retry lost. A
   * batch also waits for its slowest job before fetching more. One job per fetch leaves each
   * job's success, retry and retry count to pg-boss.
   */
  async function startWorkers(job: JobDefinition<object>): Promise<void> {
    const pool: Worker[] = [];
    workers.set(job.name, pool);
    for (let i = 0; i < (job.concurrency ?? DEFAULT_CONCURRENCY); i++) {
      const worker: Worker = { id: '', isBusy: false };
      const pollingIntervalSeconds = i === 0 ? FIRST_WORKER_POLL_SECONDS : OTHER_WORKERS_POLL_SECONDS;
      worker.id = await boss.work<object>(
        job.name,
        { batchSize: 1, pollingIntervalSeconds, includeMetadata: true },
        async ([j]) => {
          if (!j) return;
          worker.isBusy = true;
          // pg-boss sleeps a poll interval after every fetch, even a full one, unless the worker
          // was notified meanwhile: while jobs come, this worker fetches again as soon as it is
          // free, and one idle worker joins in case more are waiting.
          boss.notifyWorker(worker.id);
          wakeOneIdle(job.name);
          try {
            await track(
              job.handler(j.data, { retryCount: j.retryCount, isLast: j.retryCount >= j.retryLimit }),
            );
          } finally {
            worker.isBusy = false;
          }
        },
      );
      pool.push(worker);
    }
  }

  async function waitForInFlight(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // One timer, cancelled on the way out, so that it does not hold the process open.
    const timer = new AbortController();
    const timedOut = sleep(timeoutMs, undefined, { signal: timer.signal }).catch(() => {});
    try {
      while (Date.now() < deadline) {
        if (inFlight.size === 0) {
          // A fetch that just returned starts its handler within the same turn.
          await nextTurn();
          if (inFlight.size === 0) return;
        }
        await Promise.race([...inFlight, timedOut]).catch(() => {});
      }
    } finally {
      timer.abort();
    }
  }

  return {
    define(job) {
      definitions.push(job as JobDefinition<object>);
    },
    async send(name, data, opts = {}) {
      await boss.send(name, data, {
        singletonKey: opts.singletonKey,
        startAfter: opts.startAfterSeconds,
      });
      if (!opts.startAfterSeconds) wakeOneIdle(name);
    },
    async schedule(name, cron) {
      await boss.schedule(name, cron, {});
    },
    async start() {
      await oneProcessAtATime(db, async () => {
        await boss.start();
        for (const job of definitions)
          await boss.createQueue(job.name, {
            name: job.name,
            retryLimit: job.retryLimit ?? 3,
            retryDelay: job.retryDelaySeconds ?? 5,
            retryBackoff: true,
          });
      });
      for (const job of definitions) await startWorkers(job);
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      const stoppingAt = Date.now();
      await boss.stop({ graceful: true, timeout: STOP_TIMEOUT_MS, wait: true });
      await waitForInFlight(Math.max(0, STOP_TIMEOUT_MS - (Date.now() - stoppingAt)));
      workers.clear();
    },
  };
}
