import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { purgeWebhookEvents } from '../../src/modules/channels';
import { createManualClock } from '../../src/platform/clock';
import type { Database } from '../../src/platform/db/database';
import { createTestDatabase } from '../harness/test-db';

// Meta's raw webhook bodies carry customers' numbers and texts: once applied and older than the
// retention they go, in batches, and a body still waiting to be applied is never lost.

let db: Database;
const now = new Date('2026-12-06T12:00:00Z');
const clock = createManualClock(now);
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.close());
beforeEach(() => db.query('DELETE FROM webhook_events'));

/** `count` bodies received `daysAgo` days ago with `status`; ids grow with arrival like Meta's. */
async function received(count: number, daysAgo: number, status: string): Promise<void> {
  await db.query(
    `INSERT INTO webhook_events (dedupe_key, raw_body, status, received_at)
     SELECT gen_random_uuid()::text, '{"from":"5215512345678"}', $2, $3::timestamptz
       FROM generate_series(1, $1::int)`,
    [count, status, new Date(now.getTime() - daysAgo * 86_400_000)],
  );
}
const left = () =>
  db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM webhook_events GROUP BY status ORDER BY status`,
  );

describe('webhook bodies past their retention', () => {
  it('go once applied or failed; pending ones and recent ones stay', async () => {
    await received(12_000, 40, 'processed');
    await received(3, 40, 'failed');
    await received(2, 40, 'pending');
    await received(5, 10, 'processed');
    expect(await purgeWebhookEvents({ db, clock }, 30)).toBe(12_003);
    expect(await left()).toEqual([
      { status: 'pending', n: 2 },
      { status: 'processed', n: 5 },
    ]);
  });

  it('go all when every body is older than the retention, and nothing happens on an empty table', async () => {
    expect(await purgeWebhookEvents({ db, clock }, 30)).toBe(0);
    await received(7, 31, 'processed');
    expect(await purgeWebhookEvents({ db, clock }, 30)).toBe(7);
    expect(await left()).toEqual([]);
  });
});
