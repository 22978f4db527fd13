import type { Query } from '../../platform/db/database';
import { applyStoredStatuses, type DeliveryUpdate } from '../inbox';

const CALLBACK = /^msg:([0-9a-f-]{36})$/;

/**
 * A status webhook naming (by callback data) a conversation message whose wamid we never stored:
 * the answer was lost, or the process died between Meta's answer and the write. Meta did take
 * it, so it is recorded as sent with that wamid and never sent again. Runs inside the ingest
 * transaction; for the usual case (wamid already stored) it changes nothing.
 */
export async function settleInDoubt(query: Query, statuses: DeliveryUpdate[]): Promise<void> {
  const byMessage = new Map<string, DeliveryUpdate>();
  for (const s of statuses) {
    const match = CALLBACK.exec(s.callbackData ?? '');
    if (!match) continue;
    const seen = byMessage.get(match[1]!);
    if (!seen || s.occurredAt < seen.occurredAt) byMessage.set(match[1]!, s);
  }
  if (byMessage.size === 0) return;
  // Locked in id order, as the sender's results writer does: the two never wait on each other in a cycle.
  const open = await query<{ id: string; message_id: string; channel_id: string }>(
    `SELECT o.id, o.message_id, o.channel_id FROM outbox_items o JOIN messages m ON m.id = o.message_id
      WHERE o.message_id = ANY($1::uuid[]) AND o.kind = 'message' AND m.external_id IS NULL
      ORDER BY o.id FOR UPDATE OF o`,
    [[...byMessage.keys()]],
  );
  if (open.length === 0) return;
  const settled = open.map((o) => ({ ...o, status: byMessage.get(o.message_id)! }));
  await query(
    `UPDATE messages m SET external_id = v.wamid, status = 'accepted', send_attempted_at = COALESCE(m.send_attempted_at, v.at)
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(id, wamid, at)
      WHERE m.id = v.id AND m.external_id IS NULL AND m.status = 'queued'`,
    [
      settled.map((s) => s.message_id),
      settled.map((s) => s.status.externalId),
      settled.map((s) => s.status.occurredAt),
    ],
  );
  await query('DELETE FROM outbox_items WHERE id = ANY($1::bigint[])', [settled.map((s) => s.id)]);
  // The statuses of this batch were kept aside (no message had the wamid): apply them now.
  await applyStoredStatuses(
    query,
    settled.map((s) => ({ channelId: s.channel_id, externalId: s.status.externalId })),
  );
}
