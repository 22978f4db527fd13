import type { ContactsDeps } from './contacts.deps';

/** A previewed import not started within a week is dropped, as unused uploads are. */
export const UNSTARTED_IMPORT_DAYS = 7;

/**
 * Deletes contact imports that were previewed and never started: each keeps its whole CSV until
 * it runs. One that ran (done or failed) already dropped its file and stays as the record of it.
 */
export async function purgeUnstartedImports(deps: Pick<ContactsDeps, 'db' | 'clock'>): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - UNSTARTED_IMPORT_DAYS * 86_400_000);
  const gone = await deps.db.query<{ id: string }>(
    `DELETE FROM contact_imports WHERE status = 'previewed' AND created_at < $1 RETURNING id`,
    [cutoff],
  );
  return gone.length;
}
