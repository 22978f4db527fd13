import { createTxTopic } from '../../../platform/events/tx-topic';

/** A status WhatsApp reported before Charla knew the message's wamid, applied once it did. */
export interface LateStatus {
  channelId: string;
  externalId: string;
  status: string;
  occurredAt: Date;
}

/** Late statuses, announced where they are applied (webhooks out: message.sent / status_changed). */
export const lateStatusesApplied = createTxTopic<LateStatus>();
