import { SHOPIFY_RECOVERY_DELAYS_MINUTES, ShopifyAutomationsSchema } from '@charla/contracts';
import { AppError } from '../../../platform/errors';
import { enrollInSequence } from '../../automation';
import { findOrAddContact } from '../../inbox';
import type { IntegrationsDeps } from '../integrations.deps';
import type { ShopifyEventRow, ShopifyOutcome } from './shopify-outcome';
import { checkoutOf, customerNameOf, customerPhoneOf, e164Of } from './shopify-payloads';

/**
 * checkouts/create or checkouts/update: the customer left a checkout with their phone. The
 * checkout's address and total are saved on the contact (the recovery templates read them) and
 * the contact is enrolled in the connection's recovery sequence: step 1 at 15 minutes, 2 at 1 hour,
 * 3 at 24 hours. A checkout updated before step 1 went out starts its 15 minutes again; a purchase
 * (orders/create) or a reply stops it.
 */
export async function startCheckoutRecovery(
  deps: IntegrationsDeps,
  event: ShopifyEventRow,
): Promise<ShopifyOutcome> {
  const recovery = ShopifyAutomationsSchema.parse(event.automations).abandonedCheckout;
  const checkout = checkoutOf(event.body);
  if (checkout.isCompleted) return { outcome: 'ignored', detail: 'The checkout is completed: an order.' };
  if (!recovery.enabled || !event.recovery_sequence_id)
    return { outcome: 'ignored', detail: 'Abandoned-checkout recovery is off.' };
  if (!checkout.url)
    return { outcome: 'skipped', detail: 'No recovery: the checkout has no abandoned_checkout_url.' };
  const phone = customerPhoneOf(event.body);
  if (!phone) return { outcome: 'skipped', detail: 'No recovery: the checkout has no phone number yet.' };
  const to = e164Of(phone, event.default_country);
  if (!to.ok) return { outcome: 'skipped', detail: `No recovery: ${to.reason}` };
  let contactId: string;
  try {
    contactId = (
      await findOrAddContact(deps.inbox, event.workspace_id, to.phone, {
        name: customerNameOf(event.body).full || null,
        path: 'phone',
      })
    ).id;
  } catch (error) {
    if (error instanceof AppError) return { outcome: 'failed', detail: `No recovery: ${error.message}` };
    throw error;
  }
  const sequenceId = event.recovery_sequence_id;
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (query) => {
    await query(
      `UPDATE contacts SET attributes = coalesce(attributes, '{}'::jsonb) || $3::jsonb
        WHERE workspace_id = $1 AND id = $2`,
      [
        event.workspace_id,
        contactId,
        JSON.stringify({
          shopify_checkout_url: checkout.url,
          shopify_checkout_total: checkout.total,
          shopify_checkout_token: checkout.token,
        }),
      ],
    );
    const enrolled = await enrollInSequence(query, {
      workspaceId: event.workspace_id,
      sequenceId,
      contactIds: [contactId],
      by: 'api',
      at: now,
    });
    if ('refused' in enrolled) return { refused: enrolled.refused };
    if (enrolled.optedOut > 0) return { optedOut: true };
    if (enrolled.enrolled > 0) return { enrolled: true };
    // Still filling in the checkout: step 1 waits 15 minutes from the last change.
    await query(
      `UPDATE sequence_enrollments SET next_at = $4
        WHERE workspace_id = $1 AND sequence_id = $2 AND contact_id = $3 AND status = 'active' AND step = 0`,
      [
        event.workspace_id,
        sequenceId,
        contactId,
        new Date(now.getTime() + SHOPIFY_RECOVERY_DELAYS_MINUTES[0] * 60_000),
      ],
    );
    return { refreshed: true };
  });
  if ('refused' in outcome)
    return {
      outcome: 'ignored',
      detail:
        outcome.refused === 'sequence_off'
          ? 'The recovery sequence is turned off.'
          : 'The recovery sequence no longer exists; save the Shopify automations again.',
      contactId,
    };
  if ('optedOut' in outcome)
    return { outcome: 'skipped', detail: 'No recovery: the customer opted out of messages.', contactId };
  if ('enrolled' in outcome) {
    deps.wakeAutomation();
    return { outcome: 'enrolled', detail: `Recovery started for ${to.phone}.`, contactId };
  }
  return {
    outcome: 'refreshed',
    detail: `Recovery already running for ${to.phone}; checkout updated.`,
    contactId,
  };
}
