import { describe, expect, it } from 'vitest';
import { normalizePhone, phoneFromWaId, phoneMatchKey } from './phone-numbers';

type Row = [typed: string, defaultCountry: string, phone: string, matchKey: string];

const accepts = (rows: Row[]) =>
  it.each(rows)('%s (default %s) is %s, matched as %s', (typed, country, phone, matchKey) => {
    expect(normalizePhone(typed, country)).toEqual({ ok: true, phone, waId: phone.slice(1), matchKey });
  });

describe('Mexico: WhatsApp reports mobiles as 521 + 10 digits', () => {
  accepts([
    ['+52 55 1234 5678', 'ES', '+525512345678', '525512345678'],
    ['+52 1 55 1234 5678', 'ES', '+525512345678', '525512345678'],
    ['5215512345678', 'MX', '+525512345678', '525512345678'],
    ['525512345678', 'MX', '+525512345678', '525512345678'],
    ['(55) 1234-5678', 'MX', '+525512345678', '525512345678'],
    ['55.1234.5678', 'MX', '+525512345678', '525512345678'],
    ['044 55 1234 5678', 'MX', '+525512345678', '525512345678'],
    ['045 33 1234 5678', 'MX', '+523312345678', '523312345678'],
    ['01 55 1234 5678', 'MX', '+525512345678', '525512345678'],
    ['00 52 1 55 1234 5678', 'US', '+525512345678', '525512345678'],
  ]);
  it('the wa_id and the typed number share one key', () => {
    expect(phoneMatchKey('5215512345678')).toBe(phoneMatchKey('+525512345678'));
  });
});

describe('Argentina: mobiles are 54 9 <area> <number>; people write 0 <area> 15 <number>', () => {
  accepts([
    ['+54 9 11 1234-5678', 'ES', '+5491112345678', '541112345678'],
    ['011 15 1234-5678', 'AR', '+5491112345678', '541112345678'],
    ['11 15 1234 5678', 'AR', '+5491112345678', '541112345678'],
    ['(0351) 15 123-4567', 'AR', '+5493511234567', '543511234567'],
    ['5491112345678', 'AR', '+5491112345678', '541112345678'],
    ['0054 9 11 1234 5678', 'MX', '+5491112345678', '541112345678'],
    // Without the 9 the number reads as a landline, yet it is the same line.
    ['+54 11 1234-5678', 'ES', '+541112345678', '541112345678'],
    // A landline in Córdoba stays what it is.
    ['0351 423-4567', 'AR', '+543514234567', '543514234567'],
  ]);
  it('the wa_id, the 15 form and the form without 9 share one key', () => {
    const key = phoneMatchKey('5491112345678');
    expect(phoneMatchKey('+541112345678')).toBe(key);
    expect(normalizePhone('011 15 1234-5678', 'AR')).toMatchObject({ matchKey: key });
  });
});

describe('Brazil: mobiles with and without the ninth digit', () => {
  accepts([
    ['+55 11 98765-4321', 'ES', '+5511987654321', '5511987654321'],
    ['(11) 98765-4321', 'BR', '+5511987654321', '5511987654321'],
    ['011 98765-4321', 'BR', '+5511987654321', '5511987654321'],
    ['0 21 98765 4321', 'BR', '+5521987654321', '5521987654321'],
    // The form old accounts keep in their wa_id gets its 9 back.
    ['+55 11 8765-4321', 'ES', '+5511987654321', '5511987654321'],
    ['551187654321', 'BR', '+5511987654321', '5511987654321'],
    ['+55 11 91234-5678', 'US', '+5511912345678', '5511912345678'],
    // Landlines (first digit 2 to 5) never had a ninth digit.
    ['+55 11 3456-7890', 'ES', '+551134567890', '551134567890'],
    ['(11) 3456-7890', 'BR', '+551134567890', '551134567890'],
  ]);
  it('both wa_id forms of one mobile share one key, a landline keeps its own', () => {
    expect(phoneMatchKey('551112345678')).toBe(phoneMatchKey('5511912345678'));
    expect(phoneMatchKey('551187654321')).toBe('5511987654321');
    expect(phoneMatchKey('551134567890')).toBe('551134567890');
  });
});

describe('controls: Spain and the United States', () => {
  accepts([
    ['+34 612 34 56 78', 'MX', '+34612345678', '34612345678'],
    ['612 345 678', 'ES', '+34612345678', '34612345678'],
    ['0034-612-345-678', 'AR', '+34612345678', '34612345678'],
    ['91 123 45 67', 'ES', '+34911234567', '34911234567'],
    ['+1 (415) 555-2671', 'ES', '+14155552671', '14155552671'],
    ['(415) 555-2671', 'US', '+14155552671', '14155552671'],
    ['1-415-555-2671', 'US', '+14155552671', '14155552671'],
  ]);
  it('other numbers are their own key', () => {
    expect(phoneMatchKey('+1 415 555 2671')).toBe('14155552671');
  });
});

describe('rejections say why', () => {
  it.each([
    ['', 'ES', 'empty', 'empty'],
    ['   ', 'ES', 'empty', 'empty'],
    ['12345', 'ES', 'too_short', 'at least 7'],
    ['+52 55', 'MX', 'too_short', 'at least 7'],
    ['+52 55 1234 5678 9012 3456', 'MX', 'too_long', 'at most 15'],
    ['55 1234 abcd', 'MX', 'letters', 'letters'],
    ['call me', 'ES', 'letters', 'letters'],
    ['+34 612 345 678 #2', 'ES', 'characters', 'characters'],
    ['612 345 678', 'XX', 'country', 'not a country code'],
    ['+99 1234 5678', 'ES', 'invalid', 'country code and digits'],
    ['12 3456 7890', 'ES', 'invalid', 'a ES number'],
  ])('%j (default %s): %s', (typed, country, problem, words) => {
    const result = normalizePhone(typed, country);
    expect(result).toMatchObject({ ok: false, problem });
    expect(result.ok ? '' : result.reason).toContain(words);
  });
});

describe('phoneFromWaId: what people see for a wa_id WhatsApp reported', () => {
  it.each([
    ['5215512345678', '+525512345678'],
    ['5491112345678', '+5491112345678'],
    ['551187654321', '+5511987654321'],
    ['551134567890', '+551134567890'],
    ['34612345678', '+34612345678'],
    ['999123456789', '+999123456789'],
    ['12345', null],
    [null, null],
  ])('%s -> %s', (waId, phone) => {
    expect(phoneFromWaId(waId)).toBe(phone);
  });
});
