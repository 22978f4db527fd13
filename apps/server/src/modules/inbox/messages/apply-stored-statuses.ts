import type { MessageStatus } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import type { InboxChange } from '../inbox.ports';
import { lateStatusesApplied } from './late-statuses';
import { type MessageKey, moveToStatuses } from './move-to-statuses';

/**
 * Moves these messages forward with the statuses kept for them in message_status_events: the
 * reports a webhook could not apply because it saw no message with that wamid.
 *
 * A status and the wamid it names are written by two transactions (the webhook's and the
 * sender's) that may run at once, and under READ COMMITTED neither sees the other's uncommitted
 * row: each would then miss the other and the status would be lost. So each side runs this once
 * more after it commits; whichever commits second sees both rows. Statuses only move forward, so
 * running it twice changes nothing.
 */
export async function applyStoredStatuses(query: Query, keys: MessageKey[]): Promise<InboxChange[]> {
  if (keys.length === 0) return [];
  const events = await query<{
    channel_id: string;
    external_id: string;
    status: MessageStatus;
    occurred_at: Date;
    errors: unknown;
  }>(
    `SELECT e.channel_id, e.external_id, e.status, e.occurred_at, e.errors FROM message_status_events e
       JOIN unnest($1::uuid[], $2::text[]) AS v(ch, ex) ON e.channel_id = v.ch AND e.external_id = v.ex`,
    [keys.map((k) => k.channelId), keys.map((k) => k.externalId)],
  );
  const statuses = events.map((e) => ({
    channelId: e.channel_id,
    externalId: e.external_id,
    status: e.status,
    occurredAt: e.occurred_at,
    error: e.errors,
  }));
  const { changes } = await moveToStatuses(query, statuses);
  // Announced whether or not they moved the message: a listener keeps only what holds.
  await lateStatusesApplied.emit(query, statuses);
  return changes;
}
