import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { JobQueue } from '../../../platform/jobs/job-queue';

export const PURGE_WEBHOOK_EVENTS_JOB = 'channels.purge-webhook-events';

/** Rows per DELETE: short statements that never hold the ingest back for long. */
const BATCH = 5_000;

/**
 * Forgets Meta's raw webhook bodies once they are older than the retention: they carry customers'
 * numbers and texts, already applied to contacts and messages (a contact erased later must not
 * live on in them), and they would otherwise grow without end. Pending rows are never touched.
 * Rows are found from the oldest id up to the first one received inside the retention (ids grow
 * with arrival), so no index on the receive time is needed. Returns how many rows went.
 */
export async function purgeWebhookEvents(
  deps: { db: Database; clock: Clock },
  retentionDays: number,
): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - retentionDays * 86_400_000);
  const [first] = await deps.db.query<{ id: string | null }>(
    'SELECT id FROM webhook_events WHERE received_at >= $1 ORDER BY id LIMIT 1',
    [cutoff],
  );
  const [last] = first
    ? [{ id: first.id }]
    : await deps.db.query<{ id: string | null }>('SELECT max(id) + 1 AS id FROM webhook_events');
  if (!last?.id) return 0;
  let purged = 0;
  for (;;) {
    const deleted = await deps.db.query(
      `DELETE FROM webhook_events WHERE id IN (
         SELECT id FROM webhook_events WHERE id < $1 AND status <> 'pending' ORDER BY id LIMIT ${BATCH})
       RETURNING 1`,
      [last.id],
    );
    purged += deleted.length;
    if (deleted.length < BATCH) return purged;
  }
}

export function definePurgeWebhookEventsJob(
  jobs: JobQueue,
  deps: { db: Database; clock: Clock },
  retentionDays: number,
): void {
  jobs.define<Record<string, never>>({
    name: PURGE_WEBHOOK_EVENTS_JOB,
    retryLimit: 2,
    handler: async () => {
      await purgeWebhookEvents(deps, retentionDays);
    },
  });
}

/** Call after the queue started; once a day at a quiet hour (UTC). */
export async function scheduleWebhookEventsPurge(jobs: JobQueue): Promise<void> {
  await jobs.schedule(PURGE_WEBHOOK_EVENTS_JOB, '37 4 * * *');
}
