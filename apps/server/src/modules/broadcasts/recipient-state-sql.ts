import { LIMITED_AUTO_RETRIES, LIMITED_RETRY_AFTER_HOURS } from '@charla/contracts';

/**
 * How a recipient's state reads, from the sender's own state and the message it became: the
 * message follows Meta's statuses through the normal inbox path, and a customer message within
 * 72 h of the send counts as a reply. `r` is broadcast_recipients, `m` its message (LEFT JOIN).
 * A recipient whose contact was erased reads as it did then (`erased_state`, forget-recipient.ts).
 */
export const REPLY_WINDOW_HOURS = 72;

/** WhatsApp stamps messages in whole seconds: a reply in the same second as the send still counts. */
export const AFTER_SEND_SQL = `i.occurred_at >= date_trunc('second', r.sent_at)`;

export const REPLIED_SQL = `(r.state = 'sent' AND r.conversation_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM messages i WHERE i.conversation_id = r.conversation_id AND i.direction = 'inbound'
     AND ${AFTER_SEND_SQL} AND i.occurred_at <= r.sent_at + interval '${REPLY_WINDOW_HOURS} hours'))`;

/** WhatsApp's refusal for the customer's marketing cap (reference §7.8): retried, not failed. */
export const LIMITED_CODE = 131049;

/**
 * Limited by WhatsApp: Meta refused the send with 131049, at once (`failed`) or by a status
 * webhook after accepting it (`sent`, reconcile-statuses.ts). A new send clears the code.
 * Never null (`IS NOT NULL` first), so `NOT` it keeps the rows without an error code.
 */
export const LIMITED_SQL = `(r.error_code IS NOT NULL AND r.error_code = ${LIMITED_CODE} AND r.state IN ('sent', 'failed'))`;

export const STATE_SQL = `CASE
  WHEN r.state = 'skipped' THEN 'skipped'
  WHEN r.erased_state IS NOT NULL THEN r.erased_state
  WHEN ${LIMITED_SQL} THEN 'limited'
  WHEN r.state = 'failed' OR m.status = 'failed' THEN 'failed'
  WHEN r.state IN ('queued', 'sending') THEN 'queued'
  WHEN ${REPLIED_SQL} THEN 'replied'
  WHEN m.status = 'read' THEN 'read'
  WHEN m.status = 'delivered' THEN 'delivered'
  ELSE 'sent' END`;

/** Whether a broadcast in this status still sends its limited recipients again (not once cancelled). */
export const isRetryingLimited = (broadcastStatus: string) =>
  broadcastStatus !== 'cancelled' && broadcastStatus !== 'failed';

/**
 * When a limited recipient is sent again by itself: a day after the refused send, while it has
 * automatic retries left (limited-recipients.ts runs every few minutes and takes those due).
 */
export const RETRY_AT_SQL = `CASE WHEN ${LIMITED_SQL} AND r.limited_retries < ${LIMITED_AUTO_RETRIES}
  THEN r.claimed_at + interval '${LIMITED_RETRY_AFTER_HOURS} hours' END`;

/**
 * Funnel counts: each step includes the later ones (a read message was delivered). `OFFSET 0`
 * keeps the subquery from being flattened: flattened, each FILTER below re-evaluated the state
 * (with its reply lookup) per row, seven times over (a second and more at 100,000 recipients).
 */
export const COUNTS_SQL = `SELECT
  count(*)::int AS total,
  count(*) FILTER (WHERE s.state = 'queued')::int AS queued,
  count(*) FILTER (WHERE s.state IN ('sent', 'delivered', 'read', 'replied'))::int AS sent,
  count(*) FILTER (WHERE s.state IN ('delivered', 'read', 'replied'))::int AS delivered,
  count(*) FILTER (WHERE s.state IN ('read', 'replied'))::int AS read,
  count(*) FILTER (WHERE s.state = 'replied')::int AS replied,
  count(*) FILTER (WHERE s.state = 'failed')::int AS failed,
  count(*) FILTER (WHERE s.state = 'limited')::int AS limited,
  count(*) FILTER (WHERE s.state = 'skipped')::int AS skipped,
  min(s.retry_at) AS limited_retry_at
  FROM (SELECT ${STATE_SQL} AS state, ${RETRY_AT_SQL} AS retry_at
          FROM broadcast_recipients r LEFT JOIN messages m ON m.id = r.message_id
         WHERE r.broadcast_id = $1 OFFSET 0) s`;

/** Why a recipient was skipped when its broadcast was cancelled first (no quotes: it is inlined in SQL). */
export const CANCELLED_REASON = 'The broadcast was cancelled before this was sent.';
