import type { InboxDeps } from './inbox.deps';
import { deliverMessage, SEND_MESSAGE_JOB } from './messages/deliver-message';
import { SEND_READ_RECEIPT_JOB, sendReadReceipt } from './messages/send-read-receipt';

export function defineInboxJobs(deps: InboxDeps): void {
  deps.jobs.define<{ messageId: string }>({
    name: SEND_MESSAGE_JOB,
    retryLimit: 5,
    retryDelaySeconds: 2,
    handler: (data) => deliverMessage(deps, data.messageId),
  });
  deps.jobs.define<{ messageId: string }>({
    name: SEND_READ_RECEIPT_JOB,
    retryLimit: 2,
    handler: (data) => sendReadReceipt(deps, data.messageId),
  });
}
