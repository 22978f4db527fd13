import { describe, expect, it } from 'vitest';
import { otherWaIdForms, parseRecipient } from './phone-format';

describe('parseRecipient', () => {
  it.each([
    ['+52 55 1234 5678', '525512345678'],
    ['+1 (650) 555-1234', '16505551234'],
    ['5215512345678', '5215512345678'],
  ])('accepts %s as wa_id %s', (to, waId) => {
    expect(parseRecipient(to)).toEqual({ ok: true, waId });
  });

  it.each([
    ['missing', undefined, 131008],
    ['letters', '+52 55 CALL', 100],
    ['too short', '+52 12', 100],
    ['too long', '+1234567890123456', 100],
    ['a number, not a string', 5215512345678, 100],
  ])('refuses %s with code %s', (_label, to, code) => {
    const result = parseRecipient(to);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.init.code).toBe(code);
  });
});

describe('otherWaIdForms', () => {
  it.each([
    ['525512345678', ['5215512345678']],
    ['5215512345678', ['525512345678']],
    ['5491112345678', ['541112345678']],
    ['541112345678', ['5491112345678']],
    ['5511987654321', ['551187654321']],
    ['551187654321', ['5511987654321']],
    ['551134567890', []],
    ['34612345678', []],
  ])('%s is also %j', (waId, others) => {
    expect(otherWaIdForms(waId)).toEqual(others);
  });
});
