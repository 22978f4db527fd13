import type { BroadcastsDeps } from './broadcasts.deps';

export const PURGE_UNUSED_CSV_AUDIENCES_JOB = 'broadcasts.purge-unused-csv-audiences';

/** A CSV audience no broadcast uses is kept this long, like an unused upload. */
export const UNUSED_CSV_AUDIENCE_DAYS = 7;

/**
 * Deletes the CSV audiences (and their rows) that were uploaded and never used by a broadcast, or
 * whose broadcast was deleted. One a broadcast refers to stays: its page shows the file's name
 * and rejected lines.
 */
export async function purgeUnusedCsvAudiences(deps: Pick<BroadcastsDeps, 'db' | 'clock'>): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - UNUSED_CSV_AUDIENCE_DAYS * 86_400_000);
  const gone = await deps.db.query<{ id: string }>(
    `DELETE FROM broadcast_csv_uploads u
      WHERE u.created_at < $1
        AND NOT EXISTS (SELECT 1 FROM broadcasts b
                         WHERE b.workspace_id = u.workspace_id AND b.audience->>'kind' = 'csv'
                           AND b.audience->>'uploadId' = u.id::text)
      RETURNING u.id`,
    [cutoff],
  );
  return gone.length;
}
