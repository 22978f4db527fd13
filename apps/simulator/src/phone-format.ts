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

export function toDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}
