import { describe, expect, it } from 'vitest';
import { checkE164, formatPhone } from './phone-number';

describe('a number shown to people', () => {
  it('groups digits the way each country writes them', () => {
    expect(formatPhone('+525512345678')).toBe('+52 55 1234 5678');
    expect(formatPhone('+34612345678')).toBe('+34 612 34 56 78');
    expect(formatPhone('+5511987654321')).toBe('+55 11 98765 4321');
  });

  it('reads a WhatsApp id as international', () => {
    expect(formatPhone('525512345678')).toBe('+52 55 1234 5678');
  });

  it('leaves a number it cannot vouch for as stored', () => {
    expect(formatPhone('+999123')).toBe('+999123');
    expect(formatPhone('+5215512345678')).toBe('+5215512345678');
  });
});

describe('test number', () => {
  it('accepts international numbers written the usual ways', () => {
    expect(checkE164('+34 612 34 56 78')).toEqual({ phone: '+34612345678' });
    expect(checkE164('0052 (55) 1234-5678')).toEqual({ phone: '+525512345678' });
  });

  it('says why a number is not international', () => {
    expect(checkE164('612345678')).toEqual({ problem: 'missing_plus' });
    expect(checkE164('+34 612')).toEqual({ problem: 'too_short' });
    expect(checkE164('+3461234567890123')).toEqual({ problem: 'too_long' });
    expect(checkE164('+34 61a2345678')).toEqual({ problem: 'not_digits' });
    expect(checkE164('  ')).toEqual({ problem: 'empty' });
  });
});
