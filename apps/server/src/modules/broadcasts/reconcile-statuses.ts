import type { Query } from '../../platform/db/database';
import type { DeliveryUpdate } from '../inbox';
import { LIMITED_CODE } from './recipient-state-sql';
import { recordSentRecipients } from './record-sent';
import { OPTED_OUT_CODE } from './send-results';

export const recipientOf = (s: DeliveryUpdate): number | null => {
  const match = /^bcr:(\d{1,18})$/.exec(s.callbackData ?? '');
  return match ? Number(match[1]) : null;
};

/**
 * Runs inside the ingest transaction for the statuses of a webhook batch:
 *  - a status naming a broadcast recipient we never stored a wamid for (the process died
 *    between Meta's answer and the write): Meta did send it, so it is recorded as sent with that
 *    wamid, and the grace-period resend never happens;
 *  - `failed` 131050: the customer stopped marketing messages, they leave future audiences too;
 *  - `failed` 131049: WhatsApp limited the customer's marketing messages; the recipient reads as
 *    limited and is sent again a day later (limited-recipients.ts).
 * For the usual case (wamid already stored, no such failure) it changes nothing.
 */
export async function reconcileStatuses(query: Query, statuses: DeliveryUpdate[]): Promise<void> {
  const ours = statuses.filter((s) => recipientOf(s) !== null);
  if (ours.length === 0) return;
  // The customer stopped marketing messages (reference §7.8): they leave future audiences too.
  const stopped = ours
    .filter((s) => s.status === 'failed' && s.error?.code === OPTED_OUT_CODE)
    .map((s) => recipientOf(s)!);
  if (stopped.length > 0)
    await query(
      `UPDATE contacts c SET opt_in_state = 'opted_out', opt_in_source = 'api', opt_in_at = now(), updated_at = now()
         FROM broadcast_recipients r WHERE r.id = ANY($1::bigint[]) AND c.id = r.contact_id AND c.opt_in_state <> 'opted_out'`,
      [stopped],
    );
  await recordSendsInDoubt(query, ours);
  await markLimited(
    query,
    ours.filter((s) => s.status === 'failed' && s.error?.code === LIMITED_CODE),
  );
}

async function recordSendsInDoubt(query: Query, statuses: DeliveryUpdate[]) {
  // Waits for a row its sender is recording (FOR UPDATE, not SKIP LOCKED): skipping it assumed
  // the sender would commit, but a sender killed mid-write leaves the send in doubt with its
  // status already consumed, and after the grace period it was sent again (the crash test saw
  // 108 such repeats). Both sides lock in id order, so they cannot deadlock on each other.
  const open = await query<{ id: number }>(
    `SELECT id FROM broadcast_recipients WHERE id = ANY($1::bigint[]) AND wamid IS NULL AND state IN ('sending', 'queued')
      ORDER BY id FOR UPDATE`,
    [[...new Set(statuses.map((s) => recipientOf(s)!))]],
  );
  if (open.length === 0) return;
  const openIds = new Set(open.map((r) => Number(r.id)));
  const candidates = statuses.filter((s) => openIds.has(recipientOf(s)!));
  // A recipient limited by WhatsApp is sent again under the same callback data: a late status of
  // its earlier send (Meta retries webhooks for days) names a wamid that already has its message,
  // and must not pass for the new send, which would then never go.
  const known = await query<{ ch: string; ex: string }>(
    `SELECT v.ch, v.ex FROM unnest($1::uuid[], $2::text[]) AS v(ch, ex)
      WHERE EXISTS (SELECT 1 FROM messages m WHERE m.channel_id = v.ch AND m.external_id = v.ex)`,
    [candidates.map((s) => s.channelId), candidates.map((s) => s.externalId)],
  );
  const isKnown = new Set(known.map((k) => `${k.ch}|${k.ex}`));
  const byRecipient = new Map<number, DeliveryUpdate>();
  for (const s of candidates) {
    if (isKnown.has(`${s.channelId}|${s.externalId}`)) continue;
    const id = recipientOf(s)!;
    const seen = byRecipient.get(id);
    if (!seen || s.occurredAt < seen.occurredAt) byRecipient.set(id, s);
  }
  if (byRecipient.size === 0) return;
  await recordSentRecipients(
    query,
    [...byRecipient].map(([recipientId, s]) => ({ recipientId, wamid: s.externalId, at: s.occurredAt })),
  );
}

/**
 * Only the send the status is about (its wamid): a late refusal of an earlier send never marks a
 * newer one. The retry counts from the claim (the Charla clock); a send recorded from its status
 * without one counts from Meta's time.
 */
async function markLimited(query: Query, failed: DeliveryUpdate[]) {
  if (failed.length === 0) return;
  await query(
    `UPDATE broadcast_recipients r
        SET error_code = ${LIMITED_CODE}, error_reason = v.reason, claimed_at = COALESCE(r.claimed_at, v.at)
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[]) AS v(id, wamid, reason, at)
      WHERE r.id = v.id AND r.wamid = v.wamid AND r.state = 'sent'`,
    [
      failed.map((s) => recipientOf(s)),
      failed.map((s) => s.externalId),
      failed.map((s) => s.error?.reason ?? 'WhatsApp limited marketing messages to this customer.'),
      failed.map((s) => s.occurredAt),
    ],
  );
}
