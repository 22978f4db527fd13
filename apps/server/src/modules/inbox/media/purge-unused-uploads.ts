import type { InboxDeps } from '../inbox.deps';

export const PURGE_UNUSED_UPLOADS_JOB = 'inbox.purge-unused-uploads';

/** An upload nothing uses is kept this long: a broadcast or template may be days in the making. */
export const UNUSED_UPLOAD_DAYS = 7;
const BATCH = 500;

/**
 * Deletes the files agents uploaded and never used: an attachment taken off the composer, a
 * header sample or broadcast file whose template or broadcast was deleted or never saved. An
 * upload is in use when a message carries it (`media.message_id`, set by the first message that
 * sends it) or another module refers to it (`mediaInUse`: templates' samples, broadcasts' files, the files of rules, bots and sequences).
 * Customers' files always belong to their message and are never touched. The row goes first, in
 * one statement that checks again that no message took it meanwhile, then the bytes.
 */
export async function purgeUnusedUploads(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'media' | 'mediaInUse'>,
): Promise<{ deleted: number; bytes: number }> {
  const cutoff = new Date(deps.clock.now().getTime() - UNUSED_UPLOAD_DAYS * 86_400_000);
  let deleted = 0;
  let bytes = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const candidates = await deps.db.query<{ id: string }>(
      `SELECT id FROM media
        WHERE direction = 'outbound' AND message_id IS NULL AND created_at < $1 AND id > $2
        ORDER BY id LIMIT ${BATCH}`,
      [cutoff, after],
    );
    if (candidates.length === 0) break;
    after = candidates.at(-1)!.id;
    const used = await deps.mediaInUse(candidates.map((c) => c.id));
    const unused = candidates.map((c) => c.id).filter((id) => !used.has(id));
    if (unused.length > 0) {
      const gone = await deps.db.query<{ storage_key: string | null; size: string | number | null }>(
        `DELETE FROM media WHERE id = ANY($1::uuid[]) AND message_id IS NULL RETURNING storage_key, size`,
        [unused],
      );
      for (const row of gone) {
        if (row.storage_key) await deps.media.delete(row.storage_key);
        bytes += Number(row.size ?? 0);
      }
      deleted += gone.length;
    }
    if (candidates.length < BATCH) break;
  }
  return { deleted, bytes };
}
