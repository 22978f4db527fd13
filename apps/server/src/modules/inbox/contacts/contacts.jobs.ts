import type { InboxDeps } from '../inbox.deps';
import { IMPORT_CONTACTS_JOB } from './contact-imports';
import { runContactImport } from './run-contact-import';

export function defineContactJobs(deps: InboxDeps): void {
  deps.jobs.define<{ importId: string }>({
    name: IMPORT_CONTACTS_JOB,
    retryLimit: 3,
    retryDelaySeconds: 5,
    handler: (data, attempt) => runContactImport(deps, data.importId, attempt),
  });
}
