import type { JobQueue } from '../../platform/jobs/job-queue';
import { IMPORT_CONTACTS_JOB } from './contact-imports';
import type { ContactsDeps } from './contacts.deps';
import { purgeUnstartedImports } from './purge-unstarted-imports';
import { runContactImport } from './run-contact-import';

const PURGE_UNSTARTED_IMPORTS_JOB = 'contacts.purge-unstarted-imports';

export function defineContactJobs(deps: ContactsDeps): void {
  deps.jobs.define<{ importId: string }>({
    name: IMPORT_CONTACTS_JOB,
    retryLimit: 3,
    retryDelaySeconds: 5,
    handler: (data, attempt) => runContactImport(deps, data.importId, attempt),
  });
  deps.jobs.define<Record<string, never>>({
    name: PURGE_UNSTARTED_IMPORTS_JOB,
    retryLimit: 2,
    handler: async () => {
      await purgeUnstartedImports(deps);
    },
  });
}

/** Call after the queue started (pg-boss keeps one schedule per name, so every process may call it). */
export async function scheduleContactsHousekeeping(jobs: JobQueue): Promise<void> {
  // Once a day, at a quiet hour (UTC).
  await jobs.schedule(PURGE_UNSTARTED_IMPORTS_JOB, '23 4 * * *');
}
