import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimMediaDownloads } from '../../src/modules/inbox';
import type { Database } from '../../src/platform/db/database';
import { createTestDatabase } from '../harness/test-db';

// The pending customer files are the download queue: each number gets its share of the
// downloads, no file is taken twice, and a file waits for its retry time or a dead claim.

let db: Database;
let ws: string;
let numberA: string;
let numberB: string;

beforeAll(async () => {
  db = await createTestDatabase();
  [{ id: ws }] = (await db.query<{ id: string }>(
    `INSERT INTO workspaces (name) VALUES ('Tienda') RETURNING id`,
  )) as [{ id: string }];
  [numberA, numberB] = (
    await db.query<{ id: string }>(
      `INSERT INTO channels (workspace_id, kind, name, external_id, display_phone_number, waba_id, graph_base_url,
                             graph_version, access_token_enc, app_secret_enc, verify_token_enc)
       SELECT $1, 'sandbox', n, n, n, '1', 'http://127.0.0.1', 'v23.0', 'x', 'x', 'x'
         FROM unnest(ARRAY['1001', '1002']) AS n ORDER BY n RETURNING id`,
      [ws],
    )
  ).map((r) => r.id) as [string, string];
});
afterAll(() => db?.close());
beforeEach(() => db.query('DELETE FROM media'));

/** `count` pending files on a number, the first one oldest. */
async function addPending(channelId: string, count: number, extra = ''): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO media (workspace_id, channel_id, external_id, mime_type, download_after)
     SELECT $1, $2, gen_random_uuid()::text, 'image/jpeg', now() - (100 - i) * interval '1 second'
       FROM generate_series(1, $3::int) AS i RETURNING id`,
    [ws, channelId, count],
  );
  const ids = rows.map((r) => r.id);
  if (extra) await db.query(`UPDATE media SET ${extra} WHERE id = ANY($1::uuid[])`, [ids]);
  return ids;
}

const claim = (opts: Partial<Parameters<typeof claimMediaDownloads>[1]> = {}) =>
  claimMediaDownloads(db, { busy: new Map(), perChannel: 4, limit: 100, staleClaimMs: 60_000, ...opts });

const idsOf = (claimed: { id: string; channelId: string }[], channelId: string) =>
  claimed
    .filter((c) => c.channelId === channelId)
    .map((c) => c.id)
    .sort();

describe('claimMediaDownloads', () => {
  it('gives each number up to its free slots, oldest first, and counts the attempt', async () => {
    const a = await addPending(numberA, 10);
    const b = await addPending(numberB, 3);
    const claimed = await claim({ busy: new Map([[numberA, 1]]) });
    expect(idsOf(claimed, numberA)).toEqual(a.slice(0, 3).sort());
    expect(idsOf(claimed, numberB)).toEqual([...b].sort());
    expect(claimed.every((c) => c.attempts === 1)).toBe(true);
    // Claimed files are not handed out again while their claim is fresh.
    const next = await claim();
    expect(idsOf(next, numberA)).toEqual(a.slice(3, 7).sort());
  });

  it('takes no more than the overall limit, and nothing for a number already full', async () => {
    await addPending(numberA, 5);
    await addPending(numberB, 5);
    expect(await claim({ limit: 3 })).toHaveLength(3);
    const rest = await claim({ busy: new Map([[numberA, 4]]) });
    expect(rest.every((c) => c.channelId === numberB)).toBe(true);
  });

  it('never gives one file to two claims made at the same time', async () => {
    await addPending(numberA, 40);
    await addPending(numberB, 40);
    const claims = await Promise.all(Array.from({ length: 6 }, () => claim({ perChannel: 20 })));
    const ids = claims.flat().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(80);
  });

  it('waits for a retry time and for an old claim, and ignores files no longer pending', async () => {
    await addPending(numberA, 1, `download_after = now() + interval '5 seconds'`);
    await addPending(numberA, 1, `download_claimed_at = now() - interval '30 seconds'`);
    await addPending(numberA, 1, `state = 'ready'`);
    await addPending(numberA, 1, `state = 'failed'`);
    const [stale] = await addPending(numberA, 1, `download_claimed_at = now() - interval '2 minutes'`);
    expect((await claim()).map((c) => c.id)).toEqual([stale]);
  });
});
