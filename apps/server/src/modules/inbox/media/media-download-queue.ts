import type { Database } from '../../../platform/db/database';

/** A customer file taken to download, with how many attempts it has had counting this one. */
export interface ClaimedDownload {
  id: string;
  channelId: string;
  attempts: number;
}

/**
 * Pending files whose time has come and that no live process holds. Every time is the
 * database's own (`now()`), the one clock all processes share; business time may be moved
 * by tests and must not delay a download. Pending rows without a WhatsApp id are taken too:
 * downloading fails them with the reason instead of leaving them pending forever.
 */
const DUE = `state = 'pending' AND download_after <= now()
  AND (download_claimed_at IS NULL OR download_claimed_at < now() - $5 * interval '1 millisecond')`;

/**
 * Takes up to `limit` due files, at most `perChannel` minus what `busy` already downloads
 * for each number, oldest first. SKIP LOCKED lets processes sharing the database claim at
 * once without taking the same file.
 */
export async function claimMediaDownloads(
  db: Pick<Database, 'query'>,
  opts: { busy: Map<string, number>; perChannel: number; limit: number; staleClaimMs: number },
): Promise<ClaimedDownload[]> {
  if (opts.limit <= 0) return [];
  const rows = await db.query<{ id: string; channel_id: string; download_attempts: number }>(
    `WITH free AS (
       SELECT ch.channel_id, $3::int - coalesce(b.busy, 0) AS slots
         FROM (SELECT DISTINCT channel_id FROM media WHERE ${DUE}) ch
         LEFT JOIN unnest($1::uuid[], $2::int[]) AS b(channel_id, busy) ON b.channel_id = ch.channel_id
        WHERE $3::int - coalesce(b.busy, 0) > 0
     ), picked AS (
       SELECT p.id FROM free CROSS JOIN LATERAL (
         SELECT id, download_after FROM media
          WHERE channel_id = free.channel_id AND ${DUE}
          ORDER BY download_after LIMIT free.slots
          FOR UPDATE SKIP LOCKED
       ) p
       ORDER BY p.download_after LIMIT $4
     )
     UPDATE media md SET download_claimed_at = now(), download_attempts = md.download_attempts + 1
       FROM picked WHERE md.id = picked.id
     RETURNING md.id, md.channel_id, md.download_attempts`,
    [[...opts.busy.keys()], [...opts.busy.values()], opts.perChannel, opts.limit, opts.staleClaimMs],
  );
  return rows.map((r) => ({ id: r.id, channelId: r.channel_id, attempts: r.download_attempts }));
}

/** Another attempt after `delayMs`, by any process. A file no longer pending is left as it is. */
export async function postponeMediaDownload(
  db: Pick<Database, 'query'>,
  id: string,
  delayMs: number,
): Promise<void> {
  await db.query(
    `UPDATE media SET download_after = now() + $2 * interval '1 millisecond', download_claimed_at = NULL
      WHERE id = $1 AND state = 'pending'`,
    [id, delayMs],
  );
}

/** Gives back files this process took but will not finish (it is stopping): no claim timeout to wait. */
export async function releaseMediaDownloads(db: Pick<Database, 'query'>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE media SET download_claimed_at = NULL, download_attempts = greatest(download_attempts - 1, 0)
      WHERE id = ANY($1::uuid[]) AND state = 'pending'`,
    [ids],
  );
}
