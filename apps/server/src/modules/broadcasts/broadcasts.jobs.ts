import type { JobQueue } from '../../platform/jobs/job-queue';
import type { BroadcastsDeps } from './broadcasts.deps';
import { RETRY_LIMITED_RECIPIENTS_JOB, retryLimitedRecipients } from './limited-recipients';
import { PREPARE_BROADCAST_JOB, prepareBroadcast } from './prepare-broadcast';
import { PURGE_UNUSED_CSV_AUDIENCES_JOB, purgeUnusedCsvAudiences } from './purge-unused-csv-audiences';

export function defineBroadcastJobs(deps: BroadcastsDeps, onReady: () => void) {
  deps.jobs.define<{ broadcastId: string }>({
    name: PREPARE_BROADCAST_JOB,
    retryLimit: 5,
    retryDelaySeconds: 2,
    handler: async ({ broadcastId }) => prepareBroadcast(deps, broadcastId, onReady),
  });
  deps.jobs.define<Record<string, never>>({
    name: PURGE_UNUSED_CSV_AUDIENCES_JOB,
    retryLimit: 2,
    handler: async () => {
      await purgeUnusedCsvAudiences(deps);
    },
  });
  deps.jobs.define<Record<string, never>>({
    name: RETRY_LIMITED_RECIPIENTS_JOB,
    retryLimit: 2,
    handler: async () => {
      await retryLimitedRecipients(deps, onReady);
    },
  });
}

/** Call after the queue started (pg-boss keeps one schedule per name, so every process may call it). */
export async function scheduleBroadcastHousekeeping(jobs: JobQueue): Promise<void> {
  // Once a day, at a quiet hour (UTC).
  await jobs.schedule(PURGE_UNUSED_CSV_AUDIENCES_JOB, '27 4 * * *');
  // Recipients WhatsApp limited are due a day after the refusal: a quarter of an hour late at most.
  await jobs.schedule(RETRY_LIMITED_RECIPIENTS_JOB, '*/15 * * * *');
}
