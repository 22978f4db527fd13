import type { JobQueue } from '../../../platform/jobs/job-queue';
import { SEND_MESSAGE_JOB } from '../messages/deliver-message';

/**
 * Sends the opt-out/in confirmations the ingest queued, once its transaction committed. If the
 * process dies first, recoverStrandedSends queues them on its next sweep.
 */
export async function queueOptOutReplies(jobs: Pick<JobQueue, 'send'>, messageIds: string[]): Promise<void> {
  for (const messageId of messageIds)
    await jobs.send(SEND_MESSAGE_JOB, { messageId }, { singletonKey: messageId });
}
