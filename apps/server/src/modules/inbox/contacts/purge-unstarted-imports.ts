import type { InboxDeps } from '../inbox.deps';
import { UNUSED_UPLOAD_DAYS } from '../media/purge-unused-uploads';

/**
 * Deletes contact imports that were previewed and never started: each keeps its whole CSV until
 * it runs. One that ran (done or failed) already dropped its file and stays as the record of it.
 */
export async function purgeUnstartedImports(deps: Pick<InboxDeps, 'db' | 'clock'>): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - UNUSED_UPLOAD_DAYS * 86_400_000);
  const gone = await deps.db.query<{ id: string }>(
    `DELETE FROM contact_imports WHERE status = 'previewed' AND created_at < $1 RETURNING id`,
    [cutoff],
  );
  return gone.length;
}
