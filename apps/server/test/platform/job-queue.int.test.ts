import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database';
import {
  createJobQueue,
  type JobAttempt,
  type JobDefinition,
  type JobQueue,
} from '../../src/platform/jobs/job-queue';
import { createTestDatabase } from '../harness/test-db';

let db: Database;
let queue: JobQueue | undefined;
const queueErrors: unknown[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await queue?.stop();
  queue = undefined;
  expect(queueErrors).toEqual([]);
});
afterAll(async () => db?.close());

async function startQueue(...jobs: JobDefinition<{ n: number }>[]): Promise<JobQueue> {
  queue = createJobQueue(db, (err) => queueErrors.push(err));
  for (const job of jobs) queue.define(job);
  await queue.start();
  return queue;
}

async function waitUntil(isDone: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

async function jobStates(name: string): Promise<Record<number, { state: string; retries: number }>> {
  const rows = await db.query<{ n: number; state: string; retry_count: number }>(
    `SELECT (data->>'n')::int AS n, state, retry_count FROM pgboss.job WHERE name = $1`,
    [name],
  );
  return Object.fromEntries(rows.map((r) => [r.n, { state: r.state, retries: r.retry_count }]));
}

it('starts a job sent to an idle queue at once, not a poll interval later', async () => {
  const startedAt: number[] = [];
  const jobs = await startQueue({
    name: 'test.idle-start',
    handler: async () => {
      startedAt.push(performance.now());
    },
  });
  const latencies: number[] = [];
  for (let i = 0; i < 5; i++) {
    // Longer than any poll interval, and out of step with it: every worker is asleep.
    await sleep(700 + i * 130);
    const sentAt = performance.now();
    await jobs.send('test.idle-start', { n: i });
    await waitUntil(() => startedAt.length > i);
    latencies.push(startedAt[i]! - sentAt);
  }
  console.info(`idle start latency (ms): ${latencies.map((l) => l.toFixed(0)).join(', ')}`);
  // A 0.5 s poll started jobs 250 ms late on average, up to 500 ms.
  expect(Math.max(...latencies)).toBeLessThan(400);
  expect(latencies.reduce((a, b) => a + b) / latencies.length).toBeLessThan(150);
});

it('runs a burst of jobs in parallel, never more of a type at once than its concurrency', async () => {
  let running = 0;
  let mostAtOnce = 0;
  const done = new Set<number>();
  const jobs = await startQueue({
    name: 'test.burst',
    concurrency: 4,
    handler: async ({ n }) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await sleep(100);
      running--;
      done.add(n);
    },
  });
  await sleep(700);
  const sentAt = performance.now();
  await Promise.all(Array.from({ length: 50 }, (_, n) => jobs.send('test.burst', { n })));
  await waitUntil(() => done.size === 50);
  const elapsed = performance.now() - sentAt;
  console.info(`50 jobs of 100 ms, concurrency 4: ${elapsed.toFixed(0)} ms, at most ${mostAtOnce} at once`);
  // One job at a time on a 0.5 s poll took 25 s; 50 jobs of 100 ms four at a time take 1.3 s.
  expect(elapsed).toBeLessThan(5_000);
  expect(mostAtOnce).toBe(4);
  await waitUntil(() => running === 0);
  await sleep(100);
  expect(Object.values(await jobStates('test.burst')).filter((j) => j.state === 'completed')).toHaveLength(
    50,
  );
});

it('retries a job that throws without running the jobs fetched alongside it again', async () => {
  const runs: Record<number, JobAttempt[]> = {};
  const jobs = await startQueue({
    name: 'test.flaky',
    concurrency: 4,
    retryLimit: 1,
    retryDelaySeconds: 0,
    handler: async ({ n }, attempt) => {
      runs[n] = [...(runs[n] ?? []), attempt];
      // Side by side, so the failing jobs are in flight with their neighbours.
      await sleep(50);
      if (n === 1 && attempt.retryCount === 0) throw new Error('fails once');
      if (n === 2) throw new Error('always fails');
    },
  });
  await Promise.all([0, 1, 2, 3].map((n) => jobs.send('test.flaky', { n })));
  await waitUntil(() => (runs[1]?.length ?? 0) === 2 && (runs[2]?.length ?? 0) === 2);
  // Time for any wrong retry (none is delayed) to show up.
  await sleep(1_500);
  expect(runs).toEqual({
    0: [{ retryCount: 0, isLast: false }],
    1: [
      { retryCount: 0, isLast: false },
      { retryCount: 1, isLast: true },
    ],
    2: [
      { retryCount: 0, isLast: false },
      { retryCount: 1, isLast: true },
    ],
    3: [{ retryCount: 0, isLast: false }],
  });
  expect(await jobStates('test.flaky')).toEqual({
    0: { state: 'completed', retries: 0 },
    1: { state: 'completed', retries: 1 },
    2: { state: 'failed', retries: 1 },
    3: { state: 'completed', retries: 0 },
  });
});

it('stops only after the jobs it is running have finished', async () => {
  let started = 0;
  let finished = 0;
  const jobs = await startQueue({
    name: 'test.slow',
    handler: async () => {
      started++;
      await sleep(800);
      finished++;
    },
  });
  await Promise.all([0, 1].map((n) => jobs.send('test.slow', { n })));
  await waitUntil(() => started === 2);
  await jobs.stop();
  queue = undefined;
  expect(finished).toBe(2);
  expect(Object.values(await jobStates('test.slow')).map((j) => j.state)).toEqual(['completed', 'completed']);
});
