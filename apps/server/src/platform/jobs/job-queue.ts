import PgBoss from 'pg-boss';
import type { Database } from '../db/database';

export interface JobDefinition<T extends object> {
  /** `module.verb-noun`, e.g. `inbox.send-message`. */
  name: string;
  /** Throw to have the queue retry later (up to `retryLimit`); `attempt.isLast` says it will not. */
  handler(data: T, attempt: JobAttempt): Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  batchSize?: number;
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

/** pg-boss on the database we already have: natively on PostgreSQL, through executeSql on PGlite. */
export function createJobQueue(db: Database, onError: (err: unknown) => void): JobQueue {
  const boss = new PgBoss({
    db: {
      executeSql: async (text: string, values: unknown[]) =>
        values && values.length > 0 ? { rows: await db.query(text, values) } : { rows: await db.exec(text) },
    },
  });
  boss.on('error', onError);
  const definitions: JobDefinition<object>[] = [];
  let started = false;
  return {
    define(job) {
      definitions.push(job as JobDefinition<object>);
    },
    async send(name, data, opts = {}) {
      await boss.send(name, data, {
        singletonKey: opts.singletonKey,
        startAfter: opts.startAfterSeconds,
      });
    },
    async schedule(name, cron) {
      await boss.schedule(name, cron, {});
    },
    async start() {
      await boss.start();
      for (const job of definitions) {
        await boss.createQueue(job.name, {
          name: job.name,
          retryLimit: job.retryLimit ?? 3,
          retryDelay: job.retryDelaySeconds ?? 5,
          retryBackoff: true,
        });
        await boss.work<object>(
          job.name,
          { batchSize: job.batchSize ?? 1, pollingIntervalSeconds: 0.5, includeMetadata: true },
          async (jobs) => {
            for (const j of jobs) {
              await job.handler(j.data, { retryCount: j.retryCount, isLast: j.retryCount >= j.retryLimit });
            }
          },
        );
      }
      started = true;
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, timeout: 5000, wait: true });
      started = false;
    },
  };
}
