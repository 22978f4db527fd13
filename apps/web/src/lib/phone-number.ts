import { type CountryCode, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';

/**
 * A number as people write it, grouped by its country's rules: +525512345678 reads
 * "+52 55 1234 5678". A number the library does not know as valid is shown as stored, never
 * regrouped wrongly. A WhatsApp id (digits, no plus) is read as international.
 */
export function formatPhone(phone: string): string {
  const international = /^\d+$/.test(phone) ? `+${phone}` : phone;
  const parsed = parsePhoneNumberFromString(international);
  return parsed?.isValid() ? parsed.formatInternational() : international;
}

/**
 * The test number must be international (E.164): a broadcast goes to many countries and a
 * national number is ambiguous. Spaces, dashes, dots and brackets are ignored.
 */
export type PhoneCheck =
  | { phone: string }
  | { problem: 'missing_plus' | 'too_short' | 'too_long' | 'not_digits' | 'empty' };

export function checkE164(input: string): PhoneCheck {
  const compact = input.replace(/[\s\-.()]/g, '');
  if (compact === '') return { problem: 'empty' };
  const withPlus = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!withPlus.startsWith('+')) return { problem: 'missing_plus' };
  const digits = withPlus.slice(1);
  if (!/^\d+$/.test(digits) || digits.startsWith('0')) return { problem: 'not_digits' };
  if (digits.length < 8) return { problem: 'too_short' };
  if (digits.length > 15) return { problem: 'too_long' };
  return { phone: `+${digits}` };
}

/** Countries offered for numbers written without `+` (Spanish-speaking markets first). */
export const PHONE_COUNTRIES = [
  'ES',
  'MX',
  'AR',
  'CO',
  'CL',
  'PE',
  'EC',
  'VE',
  'GT',
  'UY',
  'PY',
  'BO',
  'CR',
  'DO',
  'US',
  'PT',
  'FR',
  'DE',
  'GB',
  'IT',
  'BR',
] as const;

/** A mobile number of `country` as people write it there (`55 1234 5678` for MX), for hints. */
export function examplePhone(country: string): string | null {
  try {
    const example = getExampleNumber(country.toUpperCase() as CountryCode, examples);
    return example ? example.formatNational() : null;
  } catch {
    return null;
  }
}
