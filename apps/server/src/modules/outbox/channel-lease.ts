import type { Database } from '../../platform/db/database';

/**
 * The right to send for one number, held by one process at a time: a row with the holder and
 * an expiry on the database's clock (one clock for every process). The holder renews it; a
 * holder that died stops renewing and another process takes it at expiry.
 */
export async function acquireLease(
  db: Database,
  channelId: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO broadcast_channel_leases (channel_id, holder, expires_at)
     VALUES ($1, $2, now() + $3 * interval '1 millisecond')
     ON CONFLICT (channel_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
      WHERE broadcast_channel_leases.holder = EXCLUDED.holder OR broadcast_channel_leases.expires_at < now()
     RETURNING holder`,
    [channelId, holder, ttlMs],
  );
  return rows.length > 0;
}

/** false when the lease was lost (expired and taken by another process). */
export async function renewLease(
  db: Database,
  channelId: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE broadcast_channel_leases SET expires_at = now() + $3 * interval '1 millisecond'
      WHERE channel_id = $1 AND holder = $2 AND expires_at > now() RETURNING holder`,
    [channelId, holder, ttlMs],
  );
  return rows.length > 0;
}

export async function releaseLease(db: Database, channelId: string, holder: string): Promise<void> {
  await db.query('DELETE FROM broadcast_channel_leases WHERE channel_id = $1 AND holder = $2', [
    channelId,
    holder,
  ]);
}

/** SQL condition (for a claim) that this holder still holds the number's lease. */
export const HOLDS_LEASE_SQL = (channelParam: string, holderParam: string) =>
  `EXISTS (SELECT 1 FROM broadcast_channel_leases l WHERE l.channel_id = ${channelParam} AND l.holder = ${holderParam} AND l.expires_at > now())`;
