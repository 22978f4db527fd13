import { z } from 'zod';
import { BSUID_PATTERN, buildSenderFields } from './customer-identity';
import type { SimCustomer } from './sandbox-state';

const WaIdSchema = z.string().regex(/^\d{7,15}$/, 'waId must be 7-15 digits');
const UserIdSchema = z.string().regex(BSUID_PATTERN, 'userId must look like MX.1234567890123456789');

/**
 * What WhatsApp announces about a customer (§5.4 system messages): a new phone number (which
 * also regenerates the BSUID), or a new BSUID. `userId` picks the new BSUID; else one is made up.
 */
export const IdentityChangeSchema = z.discriminatedUnion('change', [
  z.strictObject({ change: z.literal('number'), waId: WaIdSchema, userId: UserIdSchema.optional() }),
  z.strictObject({ change: z.literal('user_id'), userId: UserIdSchema.optional() }),
]);
export type IdentityChange = z.infer<typeof IdentityChangeSchema>;

/**
 * The system message for `change`, sent before the customer takes their new identity: a number
 * change comes from the old wa_id with the new one in `system.wa_id`; a BSUID change comes without
 * `from`, from the old BSUID (`from_user_id`). A hidden phone is never shown, old or new.
 */
export function buildIdentityChangeMessage(
  customer: SimCustomer,
  change: IdentityChange,
  newUserId: string,
  ids: { wamid: string; timestamp: string },
): Record<string, unknown> {
  const who = customer.name ?? customer.username ?? 'User';
  const { from, ...userIds } = buildSenderFields(customer);
  if (change.change === 'number') {
    return {
      ...(from !== undefined && { from }),
      ...userIds,
      id: ids.wamid,
      timestamp: ids.timestamp,
      type: 'system',
      system: {
        body: customer.usernameOnly
          ? `${who} changed their phone number`
          : `${who} changed from ${customer.waId} to ${change.waId}`,
        ...(!customer.usernameOnly && { wa_id: change.waId }),
        user_id: newUserId,
        ...(customer.parentUserId !== null && { parent_user_id: customer.parentUserId }),
        type: 'user_changed_number',
      },
    };
  }
  return {
    ...userIds,
    id: ids.wamid,
    timestamp: ids.timestamp,
    type: 'system',
    system: {
      body: `${who} changed their business-scoped user ID`,
      user_id: newUserId,
      ...(customer.parentUserId !== null && { parent_user_id: customer.parentUserId }),
      type: 'user_changed_user_id',
    },
  };
}
