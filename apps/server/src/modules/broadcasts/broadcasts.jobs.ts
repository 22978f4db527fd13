import type { JobQueue } from '../../platform/jobs/job-queue';
import type { BroadcastsDeps } from './broadcasts.deps';
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
}

/** Call after the queue started (pg-boss keeps one schedule per name, so every process may call it). */
export async function scheduleBroadcastHousekeeping(jobs: JobQueue): Promise<void> {
  // Once a day, at a quiet hour (UTC).
  await jobs.schedule(PURGE_UNUSED_CSV_AUDIENCES_JOB, '27 4 * * *');
}
