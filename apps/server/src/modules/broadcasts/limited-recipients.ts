import { LIMITED_AUTO_RETRIES, LIMITED_RETRY_AFTER_HOURS } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import type { BroadcastsDeps } from './broadcasts.deps';
import { publishBroadcast } from './publish-broadcast';
import { isRetryingLimited, LIMITED_CODE, LIMITED_SQL } from './recipient-state-sql';

export const RETRY_LIMITED_RECIPIENTS_JOB = 'broadcasts.retry-limited-recipients';

/** Recipients limited by WhatsApp (131049), locked by the caller, with what decides their fate. */
export interface LimitedCandidate {
  id: number;
  broadcast_id: string;
  workspace_id: string;
  /** The broadcast's status. */
  status: string;
  /** The contact was deleted or merged away, or opted out, since the refused send. */
  is_gone: boolean;
  is_opted_out: boolean;
}

/** The limited recipients (LIMITED_SQL) with their broadcast and contact, for `FOR UPDATE OF r`. */
export const LIMITED_CANDIDATES_SQL = `SELECT r.id, r.broadcast_id, b.workspace_id, b.status,
    r.contact_id IS NULL AS is_gone, COALESCE(c.opt_in_state = 'opted_out', false) AS is_opted_out
  FROM broadcast_recipients r JOIN broadcasts b ON b.id = r.broadcast_id
  LEFT JOIN contacts c ON c.id = r.contact_id
  WHERE ${LIMITED_SQL}`;

/**
 * Queues limited recipients again, each for ONE new send through the broadcast's sender (a new
 * wamid and a new message in the conversation, at the number's pace and within its messaging
 * limit): the earlier send's wamid and message are let go, so the sender's claim (one row, one
 * claim) and the in-doubt rules apply to the new send as to any other. A contact that opted out
 * or was deleted since is skipped instead. A completed broadcast goes back to sending.
 * `automatic` counts the retry against LIMITED_AUTO_RETRIES; a broadcast cancelled meanwhile gets
 * no retry and its recipients stay limited for good.
 */
export async function requeueLimited(
  query: Query,
  candidates: LimitedCandidate[],
  opts: { automatic: boolean },
): Promise<{ requeued: number; skipped: number; broadcasts: Map<string, string> }> {
  const over = candidates.filter((c) => !isRetryingLimited(c.status));
  const live = candidates.filter((c) => isRetryingLimited(c.status));
  const skipped = live.filter((c) => c.is_gone || c.is_opted_out);
  const requeued = live.filter((c) => !c.is_gone && !c.is_opted_out);
  if (over.length > 0)
    await query(`UPDATE broadcast_recipients SET limited_retries = $2 WHERE id = ANY($1::bigint[])`, [
      over.map((c) => c.id),
      LIMITED_AUTO_RETRIES,
    ]);
  if (skipped.length > 0)
    await query(
      `UPDATE broadcast_recipients
          SET state = 'skipped', error_code = NULL,
              error_reason = CASE WHEN contact_id IS NULL
                THEN 'Not sent again: the contact was deleted after WhatsApp limited the message.'
                ELSE 'Not sent again: the contact opted out after WhatsApp limited the message.' END
        WHERE id = ANY($1::bigint[])`,
      [skipped.map((c) => c.id)],
    );
  if (requeued.length > 0)
    await query(
      `UPDATE broadcast_recipients
          SET state = 'queued', wamid = NULL, message_id = NULL, conversation_id = NULL, sent_at = NULL,
              claimed_at = NULL, not_before = NULL, error_code = NULL, error_reason = NULL, attempts = 0,
              limited_retries = limited_retries + $2
        WHERE id = ANY($1::bigint[])`,
      [requeued.map((c) => c.id), opts.automatic ? 1 : 0],
    );
  const broadcasts = new Map(live.map((c) => [c.broadcast_id, c.workspace_id]));
  const toSend = [...new Set(requeued.map((c) => c.broadcast_id))];
  if (toSend.length > 0)
    await query(
      `UPDATE broadcasts SET status = 'sending', finished_at = NULL, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'completed'`,
      [toSend],
    );
  return { requeued: requeued.length, skipped: skipped.length, broadcasts };
}

const BATCH = 1000;

/**
 * The job (every 15 minutes): limited recipients whose refused send was at least a day ago
 * (WhatsApp's advice, reference §7.8) and that have automatic retries left are queued again.
 * `deps.clock` decides the day. `onRequeued` wakes the sender. Returns how many were queued.
 */
export async function retryLimitedRecipients(
  deps: BroadcastsDeps,
  onRequeued: () => void = () => {},
): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - LIMITED_RETRY_AFTER_HOURS * 3_600_000);
  const touched = new Map<string, string>();
  let total = 0;
  for (;;) {
    const { found, requeued } = await deps.db.transaction(async (query) => {
      // `error_code = 131049` and the retries bound as written: the partial index's predicate.
      const rows = await query<LimitedCandidate & Record<string, unknown>>(
        `${LIMITED_CANDIDATES_SQL} AND r.error_code = ${LIMITED_CODE} AND r.limited_retries < $1
            AND r.claimed_at <= $2
          ORDER BY r.id LIMIT ${BATCH} FOR UPDATE OF r SKIP LOCKED`,
        [LIMITED_AUTO_RETRIES, cutoff],
      );
      const result = await requeueLimited(query, rows, { automatic: true });
      for (const [id, ws] of result.broadcasts) touched.set(id, ws);
      return { found: rows.length, requeued: result.requeued };
    });
    total += requeued;
    if (found < BATCH) break;
  }
  // A sender that found nothing to send just before the rows came back may have completed the
  // broadcast right after they did: it goes back to sending (its queued rows are never stranded).
  const stranded = await deps.db.query<{ id: string; workspace_id: string }>(
    `UPDATE broadcasts b SET status = 'sending', finished_at = NULL, updated_at = now()
      WHERE b.status = 'completed'
        AND EXISTS (SELECT 1 FROM broadcast_recipients r WHERE r.broadcast_id = b.id AND r.state = 'queued')
      RETURNING b.id, b.workspace_id`,
  );
  for (const b of stranded) touched.set(b.id, b.workspace_id);
  if (total > 0 || stranded.length > 0) onRequeued();
  for (const [id, workspaceId] of touched) await publishBroadcast(deps, workspaceId, id).catch(() => {});
  return total;
}
