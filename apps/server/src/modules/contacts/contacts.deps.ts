import type { Clock } from '../../platform/clock';
import type { Database, Query } from '../../platform/db/database';
import type { JobQueue } from '../../platform/jobs/job-queue';

export interface ContactsDeps {
  db: Database;
  clock: Clock;
  /** Runs contact imports (`contacts.jobs.ts`). */
  jobs: JobQueue;
  /** Tells open browsers that these contacts changed (`contact.updated`); called after commit. */
  contactsChanged(changes: { workspaceId: string; contactId: string }[]): Promise<void>;
  /** Members' changes to contacts that automation rules may wait for (modules/automation); none when absent. */
  automationEvents?: ContactEventsPort;
}

/** What a member changed on a contact: tags put on, attributes set or removed (null). */
export type ContactChange =
  | { type: 'tag_added'; tags: string[] }
  | { type: 'attribute_changed'; attributes: Record<string, unknown> };

/** Automation hears members' contact changes through this, in the change's own transaction. */
export interface ContactEventsPort {
  /** Queues the changes for the rules waiting for them; how many it queued. */
  queue(
    query: Query,
    events: { workspaceId: string; contactId: string; change: ContactChange }[],
  ): Promise<number>;
  /** After commit, when `queue` took any. */
  wake(): void;
}
