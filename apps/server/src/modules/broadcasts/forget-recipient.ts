import type { Query } from '../../platform/db/database';
import { STATE_SQL } from './recipient-state-sql';

/** Why a recipient was not sent: their contact was erased (no quotes: it is inlined in SQL). */
export const ERASED_REASON = 'The contact was erased before this was sent.';

/**
 * Forgets a contact in every broadcast, in the caller's transaction, before their messages are
 * deleted: each recipient row keeps how it read (sent, delivered, read, replied, failed...) in
 * `erased_state`, so the broadcast's counts stay, and loses the WhatsApp id, the template values and
 * the links to the contact, message and conversation. A recipient not sent yet is skipped, and so
 * is one claimed by a sender: the caller tells the engines (`BroadcastEngine.forget`, every
 * process) so a claimed one waiting for its slot never leaves, and whatever WhatsApp answers for
 * one already sent, nothing is recorded (record-sent.ts and send-results.ts only touch `queued`
 * and `sending` rows). Returns how many rows, and the ids of those that were claimed.
 */
export async function forgetBroadcastRecipient(
  query: Query,
  contactId: string,
): Promise<{ rows: number; claimedIds: number[] }> {
  const rows = await query<{ id: string | number; was: string }>(
    `WITH old AS (SELECT id, state FROM broadcast_recipients WHERE contact_id = $1 FOR UPDATE)
     UPDATE broadcast_recipients r
        SET erased_state = CASE WHEN r.state IN ('queued', 'sending') THEN NULL
                                ELSE (SELECT ${STATE_SQL} FROM (SELECT 1) AS one
                                        LEFT JOIN messages m ON m.id = r.message_id) END,
            state = CASE WHEN r.state IN ('queued', 'sending') THEN 'skipped' ELSE r.state END,
            error_reason = CASE WHEN r.state IN ('queued', 'sending') THEN '${ERASED_REASON}' ELSE r.error_reason END,
            wa_id = '', values = '{}'::jsonb, contact_id = NULL, message_id = NULL, conversation_id = NULL,
            wamid = NULL, claimed_at = NULL
       FROM old WHERE r.id = old.id
      RETURNING r.id, old.state AS was`,
    [contactId],
  );
  return { rows: rows.length, claimedIds: rows.filter((r) => r.was === 'sending').map((r) => Number(r.id)) };
}
