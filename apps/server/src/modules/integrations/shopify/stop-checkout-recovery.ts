import type { Query } from '../../../platform/db/database';
import type { ShopifyEventRow } from './shopify-outcome';
import { checkoutTokenOf, customerPhoneOf, e164Of } from './shopify-payloads';

/**
 * A purchase stops the abandoned-checkout recovery: the enrolment of the contact whose checkout
 * the order came from (by the checkout's token) or who has the order's phone. Answers how many
 * stopped.
 */
export async function stopCheckoutRecovery(query: Query, event: ShopifyEventRow, at: Date): Promise<number> {
  if (!event.recovery_sequence_id) return 0;
  const token = checkoutTokenOf(event.body);
  const phone = customerPhoneOf(event.body);
  const number = phone ? e164Of(phone, event.default_country) : null;
  const stopped = await query<{ id: string }>(
    `UPDATE sequence_enrollments e SET status = 'stopped', stop_reason = 'cancelled', next_at = NULL, ended_at = $5
       FROM contacts c
      WHERE e.workspace_id = $1 AND e.sequence_id = $2 AND e.status = 'active' AND c.id = e.contact_id
        AND (($3 <> '' AND c.attributes->>'shopify_checkout_token' = $3) OR ($4::text IS NOT NULL AND c.phone = $4))
      RETURNING e.id`,
    [event.workspace_id, event.recovery_sequence_id, token, number?.ok ? number.phone : null, at],
  );
  return stopped.length;
}
