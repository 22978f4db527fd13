import type { JobQueue } from '../../platform/jobs/job-queue';
import { refreshReports } from './refresh-reports';
import type { ReportsDeps } from './reports.deps';

export const REFRESH_REPORTS_JOB = 'reports.refresh';

/** Every minute: the reports take in what changed (refresh-reports.ts). */
export function defineReportJobs(deps: ReportsDeps): void {
  deps.jobs.define({
    name: REFRESH_REPORTS_JOB,
    retryLimit: 0,
    handler: async () => {
      await refreshReports(deps);
    },
  });
}

/** Call after the queue started (pg-boss keeps one schedule per name, so every process may call it). */
export async function scheduleReportRefresh(jobs: JobQueue): Promise<void> {
  await jobs.schedule(REFRESH_REPORTS_JOB, '* * * * *');
}
