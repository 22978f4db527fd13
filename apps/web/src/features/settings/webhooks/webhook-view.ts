import type { WebhookAttempt, WebhookDelivery, WebhookSubscription } from '@charla/contracts';

/**
 * Where a subscription stands: sending (`active`), sending but every delivery failing lately
 * (`failing`), turned off by a person (`off`), or turned off by Charla after a day of failures
 * (`disabled`, with the reason).
 */
export type WebhookState = 'active' | 'failing' | 'off' | 'disabled';

export function webhookState(
  sub: Pick<WebhookSubscription, 'enabled' | 'disabledReason' | 'failingSince'>,
): WebhookState {
  if (!sub.enabled) return sub.disabledReason ? 'disabled' : 'off';
  return sub.failingSince ? 'failing' : 'active';
}

/** Until when the secret before the last rotation still signs beside the new one; null when it no longer does. */
export function previousSecretUntil(
  sub: Pick<WebhookSubscription, 'previousSecretExpiresAt'>,
  now: Date,
): Date | null {
  if (!sub.previousSecretExpiresAt) return null;
  const until = new Date(sub.previousSecretExpiresAt);
  return until.getTime() > now.getTime() ? until : null;
}

/** Every try made for a delivery: a replay starts its retry count over, the log keeps them all. */
export function attemptsMade(delivery: Pick<WebhookDelivery, 'attempts' | 'log'>): number {
  return Math.max(delivery.attempts, delivery.log.length);
}

/** The endpoint answered 2xx: the only answer that counts as delivered. */
export function isSuccess(attempt: Pick<WebhookAttempt, 'statusCode'>): boolean {
  return attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
}

/** A payload as people read it: indented JSON (shown as text, never as markup). */
export function prettyJson(value: unknown): string {
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * How soon the deliveries log looks again: every 2 s while a delivery is being sent or is due
 * within a minute (a test event, a replay, the first retries), else every 30 s for new events.
 */
export function deliveriesPollMs(deliveries: readonly WebhookDelivery[], now: number, isOn: boolean): number {
  const dueSoon = deliveries.some(
    (d) =>
      d.status === 'pending' &&
      (d.nextAttemptAt === null || new Date(d.nextAttemptAt).getTime() - now < 60_000),
  );
  return isOn && dueSoon ? 2_000 : 30_000;
}
