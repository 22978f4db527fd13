import type { JobQueue } from '../../platform/jobs/job-queue';
import { syncAllTemplates } from './sync-templates';
import type { TemplatesDeps } from './templates.ports';

export const SYNC_TEMPLATES_JOB = 'templates.sync-templates';

/** Every 15 minutes: repairs what a lost webhook left stale (reference §4.5 webhooks are best effort). */
export function defineTemplateJobs(deps: TemplatesDeps, log: (err: unknown, msg: string) => void): void {
  deps.jobs.define({
    name: SYNC_TEMPLATES_JOB,
    retryLimit: 0,
    handler: () =>
      syncAllTemplates(deps, (err, account) =>
        log(err, `syncing the templates of WABA ${account.wabaId} failed`),
      ),
  });
}

/** Call after the queue started (pg-boss keeps one schedule per name, so every process may call it). */
export async function scheduleTemplateSync(jobs: JobQueue): Promise<void> {
  await jobs.schedule(SYNC_TEMPLATES_JOB, '*/15 * * * *');
}
