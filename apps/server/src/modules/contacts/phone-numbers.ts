import { type CountryCode, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The ONE place a phone number entering Charla is read: typed in a form, a contacts import, a
 * broadcast CSV audience, an API call, or reported by WhatsApp as a `wa_id`.
 *
 * - `phone`: E.164 for people (`+525512345678`, `+5491112345678`, `+5511987654321`).
 * - `waId`: the digits to address WhatsApp with until WhatsApp reports its own `wa_id`.
 * - `matchKey`: the same digits for every form WhatsApp and people use for one line. Contacts
 *   carry it as `contacts.phone_key`, computed by the database function `phone_match_key` from
 *   the stored `wa_id` (migration `0020_contact_phone_match_key`); `phoneMatchKey` below is the
 *   same rule, and a test checks that the two agree.
 *
 * The country quirks it absorbs:
 * - Mexico: WhatsApp keeps the old mobile `1` after 52 (`wa_id` 5215512345678 is +52 55 1234 5678);
 *   people may still type the retired `044`/`045`/`01` prefixes.
 * - Argentina: mobiles are +54 9 <area> <number> in E.164 and in `wa_id`s; people write them with
 *   the trunk 0 and the 15 (`011 15 1234-5678`) or without the 9 (+54 11 1234-5678).
 * - Brazil: mobiles gained a ninth digit (9) in 2012-2016; accounts older than that keep a `wa_id`
 *   without it (55 11 8765-4321 is +55 11 98765-4321). Landlines (first digit 2-5) never have it.
 */
export type NormalizedPhone =
  | { ok: true; phone: string; waId: string; matchKey: string }
  | { ok: false; problem: PhoneProblem; reason: string };

export type PhoneProblem =
  | 'empty'
  | 'letters'
  | 'characters'
  | 'too_short'
  | 'too_long'
  | 'country'
  | 'invalid';

const SEPARATORS = /[\s().\-/\u00a0]/g;

export function normalizePhone(raw: string, defaultCountry: string): NormalizedPhone {
  const country = defaultCountry.trim().toUpperCase();
  const fail = (problem: PhoneProblem, reason: string): NormalizedPhone => ({ ok: false, problem, reason });
  const text = raw.trim();
  if (text === '') return fail('empty', 'the number is empty');
  if (/\p{L}/u.test(text))
    return fail(
      'letters',
      'it contains letters: write only digits, spaces, dashes, parentheses and a leading +',
    );
  let compact = text.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact))
    return fail(
      'characters',
      'it contains characters other than digits, spaces, dashes, parentheses and a leading +',
    );
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  const digits = compact.replace('+', '');
  if (digits.length < 7)
    return fail('too_short', `it has ${digits.length} digits; a phone number has at least 7`);
  if (digits.length > 17)
    return fail('too_long', `it has ${digits.length} digits; a phone number has at most 15`);

  let international: string | null = compact.startsWith('+') ? digits : null;
  let national = digits;
  if (international === null) {
    const code = callingCode(country);
    if (code === null)
      return fail('country', `"${defaultCountry}" is not a country code; write the number with its + prefix`);
    if (country === 'MX') national = national.replace(/^0(?:44|45|1)(?=\d{10}$)/, '');
    // A national number typed with its country code but without + or 00 (`5215512345678`).
    const asNational = parsePhoneNumberFromString(national, country as CountryCode);
    if (!asNational?.isValid() && national.startsWith(code)) international = fromWaIdForm(national);
  }
  let parsed =
    international !== null
      ? parsePhoneNumberFromString(`+${fromWaIdForm(international)}`)
      : parsePhoneNumberFromString(national, country as CountryCode);
  const rewritten = parsed?.isValid() ? fromWaIdForm(parsed.number.slice(1)) : null;
  if (rewritten !== null && rewritten !== parsed?.number.slice(1)) {
    const modern = parsePhoneNumberFromString(`+${rewritten}`);
    if (modern?.isValid()) parsed = modern;
  }
  if (!parsed?.isValid()) {
    return fail(
      'invalid',
      international !== null
        ? 'its country code and digits do not form a number in use; check both'
        : `its digits do not form a ${country} number; write it with its country code, e.g. +34 612 345 678`,
    );
  }
  const waId = parsed.number.slice(1);
  return { ok: true, phone: parsed.number, waId, matchKey: phoneMatchKey(waId) };
}

/**
 * E.164 for people from a `wa_id` WhatsApp reported (Mexico without the 1, Brazil with the ninth
 * digit); digits that are no known number are kept as given. Null when they cannot be a number.
 */
export function phoneFromWaId(waId: string | null | undefined): string | null {
  const digits = (waId ?? '').replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  const number = normalizePhone(`+${digits}`, 'ZZ');
  return number.ok ? number.phone : `+${digits}`;
}

/** Rewrites the forms WhatsApp uses in `wa_id`s that E.164 does not (see above). */
function fromWaIdForm(digits: string): string {
  if (/^521\d{10}$/.test(digits)) return `52${digits.slice(3)}`;
  const oldBrazilianMobile = /^55(\d{2})([016789]\d{7})$/.exec(digits);
  if (oldBrazilianMobile) return `55${oldBrazilianMobile[1]}9${oldBrazilianMobile[2]}`;
  return digits;
}

function callingCode(country: string): string | null {
  try {
    return getCountryCallingCode(country as CountryCode);
  } catch {
    return null;
  }
}

/**
 * The key two numbers share when WhatsApp treats them as one line: digits of a `wa_id` or of an
 * E.164 number (with or without +). Mexico without the 1, Argentina without the 9, Brazilian
 * mobiles with the ninth digit. Must stay equal to the SQL function `phone_match_key`.
 */
export function phoneMatchKey(digitsOrE164: string): string {
  const digits = digitsOrE164.replace(/\D/g, '');
  if (/^521\d{10}$/.test(digits)) return `52${digits.slice(3)}`;
  if (/^549\d{10}$/.test(digits)) return `54${digits.slice(3)}`;
  const oldBrazilianMobile = /^55(\d{2})([016789]\d{7})$/.exec(digits);
  if (oldBrazilianMobile) return `55${oldBrazilianMobile[1]}9${oldBrazilianMobile[2]}`;
  return digits;
}
