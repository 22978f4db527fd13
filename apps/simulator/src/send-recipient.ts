import { isBsuid } from './customer-identity';
import { type GraphApiError, graphErrors } from './graph-error';
import { otherWaIdForms, parseRecipient } from './phone-format';
import type { Sandbox } from './sandbox';
import type { SimCustomer } from './sandbox-state';

/** Who a send reaches: a customer (by phone or BSUID), or a BSUID no customer of the number has. */
export type SendTarget =
  | { kind: 'customer'; waId: string; userId: string | null; customer: SimCustomer | null }
  | { kind: 'unknown-user-id'; userId: string };

type Resolution = { ok: true; target: SendTarget } | { ok: false; error: GraphApiError };

/**
 * §2.1: `to` (a phone) or `recipient` (a BSUID); `to` wins when both are sent. Like Meta, a phone
 * written in another form of a known customer's line reaches that customer.
 */
export function resolveSendTarget(
  sandbox: Sandbox,
  phoneNumberId: string,
  body: Record<string, unknown>,
): Resolution {
  if (body.to === undefined && body.recipient !== undefined) {
    if (!isBsuid(body.recipient)) {
      return { ok: false, error: graphErrors.invalidParameter("Invalid value for parameter 'recipient'.") };
    }
    const customer = sandbox.findCustomerByUserId(phoneNumberId, body.recipient);
    if (!customer) return { ok: true, target: { kind: 'unknown-user-id', userId: body.recipient } };
    return { ok: true, target: { kind: 'customer', waId: customer.waId, userId: body.recipient, customer } };
  }
  const parsed = parseRecipient(body.to);
  if (!parsed.ok) return parsed;
  for (const waId of [parsed.waId, ...otherWaIdForms(parsed.waId)]) {
    const customer = sandbox.findCustomer(phoneNumberId, waId);
    if (customer) return { ok: true, target: { kind: 'customer', waId, userId: null, customer } };
  }
  return { ok: true, target: { kind: 'customer', waId: parsed.waId, userId: null, customer: null } };
}

/** §2.2: `input` echoes what was sent; a BSUID send answers `user_id`, and `wa_id` only if the phone shows. */
export function describeContact(target: SendTarget, body: Record<string, unknown>) {
  if (target.kind === 'unknown-user-id') return { input: target.userId, user_id: target.userId };
  if (target.userId === null) return { input: body.to, wa_id: target.waId };
  return {
    input: target.userId,
    ...(target.customer?.usernameOnly !== true && { wa_id: target.waId }),
    user_id: target.userId,
  };
}
