import type { Query } from '../../../platform/db/database';
import type { ShopifyEventRow } from './shopify-outcome';
import { checkoutTokenOf, customerPhoneOf, e164Of } from './shopify-payloads';

/**
 * A purchase stops the abandoned-checkout recovery: the enrolment of the contact whose checkout
 * the order came from (by the checkout's token) or who has the order's phone. Answers how many
 * stopped (cancelled, as a member cancels one: the sequence's counts show them so).
 */
export async function stopCheckoutRecovery(query: Query, event: ShopifyEventRow, at: Date): Promise<number> {
  if (!event.recovery_sequence_id) return 0;
  const token = checkoutTokenOf(event.body);
  const phone = customerPhoneOf(event.body);
  const number = phone ? e164Of(phone, event.default_country) : null;
  const stopped = await query<{ id: string }>(
    `UPDATE sequence_enrollments e SET status = 'cancelled', stop_reason = 'cancelled', next_at = NULL, ended_at = $5
       FROM contacts c
      WHERE e.workspace_id = $1 AND e.sequence_id = $2 AND e.status = 'active' AND c.id = e.contact_id
        AND (($3 <> '' AND c.attributes->>'shopify_checkout_token' = $3) OR ($4::text IS NOT NULL AND c.phone = $4))
      RETURNING e.id`,
    [event.workspace_id, event.recovery_sequence_id, token, number?.ok ? number.phone : null, at],
  );
  return stopped.length;
}

/**
 * The recovery was turned off or the shop disconnected: the checkouts waiting are cancelled, or
 * turning it on again later would send them reminders of checkouts days old.
 */
export async function cancelCheckoutRecoveries(
  query: Query,
  workspaceId: string,
  sequenceId: string,
  at: Date,
): Promise<void> {
  await query(
    `UPDATE sequence_enrollments SET status = 'cancelled', stop_reason = 'cancelled', next_at = NULL, ended_at = $3
      WHERE workspace_id = $1 AND sequence_id = $2 AND status = 'active'`,
    [workspaceId, sequenceId, at],
  );
}
