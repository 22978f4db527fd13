import type { Query } from '../../platform/db/database';
import type { DeliveryUpdate } from '../inbox';
import { recordSentRecipients } from './record-sent';
import { OPTED_OUT_CODE } from './send-results';

/**
 * A status webhook whose callback data names a broadcast recipient we never stored a wamid for
 * (the process died between Meta's answer and the write): Meta did send it, so it is recorded
 * as sent with that wamid, and the grace-period resend never happens. Runs inside the ingest
 * transaction; for the usual case (wamid already stored) it changes nothing.
 */
export async function reconcileStatuses(query: Query, statuses: DeliveryUpdate[]): Promise<void> {
  const byRecipient = new Map<number, DeliveryUpdate>();
  for (const s of statuses) {
    const match = /^bcr:(\d{1,18})$/.exec(s.callbackData ?? '');
    if (!match) continue;
    const id = Number(match[1]);
    const seen = byRecipient.get(id);
    if (!seen || s.occurredAt < seen.occurredAt) byRecipient.set(id, s);
  }
  if (byRecipient.size === 0) return;
  // The customer stopped marketing messages (reference §7.8): they leave future audiences too.
  const stopped = statuses
    .filter(
      (s) =>
        s.status === 'failed' && s.error?.code === OPTED_OUT_CODE && /^bcr:\d+$/.test(s.callbackData ?? ''),
    )
    .map((s) => Number(s.callbackData!.slice(4)));
  if (stopped.length > 0)
    await query(
      `UPDATE contacts c SET opt_in_state = 'opted_out', opt_in_source = 'api', opt_in_at = now(), updated_at = now()
         FROM broadcast_recipients r WHERE r.id = ANY($1::bigint[]) AND c.id = r.contact_id AND c.opt_in_state <> 'opted_out'`,
      [stopped],
    );
  // Waits for a row its sender is recording (FOR UPDATE, not SKIP LOCKED): skipping it assumed
  // the sender would commit, but a sender killed mid-write leaves the send in doubt with its
  // status already consumed, and after the grace period it was sent again (the crash test saw
  // 108 such repeats). Both sides lock in id order, so they cannot deadlock on each other.
  const open = await query<{ id: number }>(
    `SELECT id FROM broadcast_recipients WHERE id = ANY($1::bigint[]) AND wamid IS NULL AND state IN ('sending', 'queued')
      ORDER BY id FOR UPDATE`,
    [[...byRecipient.keys()]],
  );
  if (open.length === 0) return;
  await recordSentRecipients(
    query,
    open.map((r) => {
      const s = byRecipient.get(Number(r.id))!;
      return { recipientId: Number(r.id), wamid: s.externalId, at: s.occurredAt };
    }),
  );
}
