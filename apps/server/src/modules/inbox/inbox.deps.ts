import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { JobQueue } from '../../platform/jobs/job-queue';
import type { MediaStorage } from '../../platform/storage/media-storage';
import type { AutomationEventsPort, ChannelGateway, InboxChange, OutboxPort } from './inbox.ports';

export interface InboxDeps {
  db: Database;
  clock: Clock;
  jobs: JobQueue;
  gateway: ChannelGateway;
  /** Every send leaves through its number's pipeline (modules/outbox). */
  outbox: OutboxPort;
  /** Where customers' files are kept once downloaded. */
  media: MediaStorage;
  /**
   * Which of these uploads (media ids) another module still refers to: a template's header
   * sample, a broadcast's header file. Asked before an unused upload is deleted.
   */
  mediaInUse(mediaIds: string[]): Promise<Set<string>>;
  /** Tell the browsers; called after commit. */
  notify(changes: InboxChange[]): Promise<void>;
  /** Tells the browsers that these contacts changed (a contact added while starting a conversation). */
  contactsChanged(changes: { workspaceId: string; contactId: string }[]): Promise<void>;
  /** Where what fails after the answer went out is reported (an announcement to the browsers). */
  log: { error(obj: object, msg: string): void };
  /** Members' changes that automation rules may wait for (modules/automation); none when absent. */
  automationEvents?: AutomationEventsPort;
}
