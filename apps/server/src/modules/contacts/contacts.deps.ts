import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { JobQueue } from '../../platform/jobs/job-queue';

export interface ContactsDeps {
  db: Database;
  clock: Clock;
  /** Runs contact imports (`contacts.jobs.ts`). */
  jobs: JobQueue;
  /** Tells open browsers that these contacts changed (`contact.updated`); called after commit. */
  contactsChanged(changes: { workspaceId: string; contactId: string }[]): Promise<void>;
}
