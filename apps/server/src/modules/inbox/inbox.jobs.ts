import type { JobQueue } from '../../platform/jobs/job-queue';
import { REOPEN_SNOOZED_JOB, reopenSnoozedConversations } from './conversations/reopen-snoozed';
import type { InboxDeps } from './inbox.deps';
import { PURGE_UNUSED_UPLOADS_JOB, purgeUnusedUploads } from './media/purge-unused-uploads';

/** Occasional work only: every send goes through the number's outbox (modules/outbox). */
export function defineInboxJobs(deps: InboxDeps): void {
  deps.jobs.define<Record<string, never>>({
    name: REOPEN_SNOOZED_JOB,
    retryLimit: 5,
    handler: async () => {
      await reopenSnoozedConversations(deps);
    },
  });
  deps.jobs.define<Record<string, never>>({
    name: PURGE_UNUSED_UPLOADS_JOB,
    retryLimit: 2,
    handler: async () => {
      await purgeUnusedUploads(deps);
    },
  });
}

/** Call after the queue started (pg-boss keeps one schedule per name, so every process may call it). */
export async function scheduleInboxHousekeeping(jobs: JobQueue): Promise<void> {
  // Once a day, at a quiet hour (UTC).
  await jobs.schedule(PURGE_UNUSED_UPLOADS_JOB, '17 4 * * *');
}
