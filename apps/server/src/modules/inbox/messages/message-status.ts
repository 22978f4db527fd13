import type { MessageStatus } from '@charla/contracts';

/**
 * Statuses only move forward: a late `sent` never downgrades `read`, and `failed` is final.
 * Meta sends no ordering guarantee, so every update goes through this order.
 */
export const STATUS_ORDER: readonly MessageStatus[] = [
  'queued',
  'accepted',
  'sent',
  'delivered',
  'read',
  'failed',
];

export const statusRank = (s: MessageStatus | null) => (s ? STATUS_ORDER.indexOf(s) : -1);

export function isStatusUpgrade(current: MessageStatus | null, next: MessageStatus): boolean {
  return statusRank(next) > statusRank(current);
}

/** The furthest of several statuses reported for one message. */
export function furthestStatus(statuses: MessageStatus[]): MessageStatus | null {
  return statuses.reduce<MessageStatus | null>((best, s) => (isStatusUpgrade(best, s) ? s : best), null);
}

/** SQL expression ranking a status column the same way as `statusRank`. */
export const statusRankSql = (column: string) =>
  `array_position(ARRAY[${STATUS_ORDER.map((s) => `'${s}'`).join(',')}]::text[], ${column})`;
