import type { JobQueue } from '../../platform/jobs/job-queue';
import { defineContactJobs } from './contacts/contacts.jobs';
import { purgeUnstartedImports } from './contacts/purge-unstarted-imports';
import { REOPEN_SNOOZED_JOB, reopenSnoozedConversations } from './conversations/reopen-snoozed';
import type { InboxDeps } from './inbox.deps';
import { PURGE_UNUSED_UPLOADS_JOB, purgeUnusedUploads } from './media/purge-unused-uploads';
import { deliverMessage, SEND_MESSAGE_JOB } from './messages/deliver-message';
import { deliverReaction, SEND_REACTION_JOB } from './messages/react-to-message';
import { SEND_READ_RECEIPT_JOB, sendReadReceipt } from './messages/send-read-receipt';

/**
 * Sends are retried only when the channel says nothing reached the customer (throughput,
 * pair rate, outage); the backoff doubles from 2 s (2, 4, 8, 16, 32 s), close to the 4^n
 * seconds Meta suggests for the pair rate limit.
 */
export function defineInboxJobs(deps: InboxDeps): void {
  deps.jobs.define<{ messageId: string }>({
    name: SEND_MESSAGE_JOB,
    retryLimit: 5,
    retryDelaySeconds: 2,
    handler: (data, attempt) => deliverMessage(deps, data.messageId, attempt),
  });
  deps.jobs.define<{ messageId: string; emoji: string; reactedAt: string }>({
    name: SEND_REACTION_JOB,
    retryLimit: 5,
    retryDelaySeconds: 2,
    handler: (data, attempt) => deliverReaction(deps, data, attempt),
  });
  deps.jobs.define<{ messageId: string }>({
    name: SEND_READ_RECEIPT_JOB,
    retryLimit: 2,
    handler: (data) => sendReadReceipt(deps, data.messageId),
  });
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
      await purgeUnstartedImports(deps);
    },
  });
  defineContactJobs(deps);
}

/** Call after the queue started (pg-boss keeps one schedule per name, so every process may call it). */
export async function scheduleInboxHousekeeping(jobs: JobQueue): Promise<void> {
  // Once a day, at a quiet hour (UTC).
  await jobs.schedule(PURGE_UNUSED_UPLOADS_JOB, '17 4 * * *');
}
