import { type GraphApiError, graphErrors } from './graph-error';

// §2.1/§8.22: Meta accepts `+`, spaces, dashes and parentheses around the digits.
const ALLOWED_RECIPIENT = /^\+?[\d\s\-()]+$/;

/** Normalises `to` into a wa_id (digits only) or the error Meta would answer. */
export function parseRecipient(
  to: unknown,
): { ok: true; waId: string } | { ok: false; error: GraphApiError } {
  if (to === undefined || to === null || to === '') {
    return { ok: false, error: graphErrors.missingParameter('The parameter to is required.') };
  }
  if (typeof to !== 'string' || !ALLOWED_RECIPIENT.test(to.trim())) {
    return { ok: false, error: graphErrors.invalidParameter("Invalid value for parameter 'to'.") };
  }
  const waId = to.replace(/\D/g, '');
  // E.164 allows at most 15 digits; anything under 7 cannot be a phone number in any country.
  if (waId.length < 7 || waId.length > 15) {
    return { ok: false, error: graphErrors.invalidParameter("Invalid value for parameter 'to'.") };
  }
  return { ok: true, waId };
}

/**
 * The other spellings WhatsApp has for one line (reference §2.1: Brazil/Mexico numbers may be
 * rewritten, so `wa_id` can differ from `to`): Mexico with and without the old mobile 1 after 52,
 * Argentina with and without the mobile 9 after 54, Brazilian mobiles with and without the ninth
 * digit (landlines, first digit 2-5, have none).
 */
export function otherWaIdForms(waId: string): string[] {
  let m = /^52(1?)(\d{10})$/.exec(waId);
  if (m) return [m[1] ? `52${m[2]}` : `521${m[2]}`];
  m = /^54(9?)(\d{10})$/.exec(waId);
  if (m) return [m[1] ? `54${m[2]}` : `549${m[2]}`];
  m = /^55(\d{2})9(\d{8})$/.exec(waId);
  if (m) return [`55${m[1]}${m[2]}`];
  m = /^55(\d{2})([016789]\d{7})$/.exec(waId);
  if (m) return [`55${m[1]}9${m[2]}`];
  return [];
}

export function toDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}
