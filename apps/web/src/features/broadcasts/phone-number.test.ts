import { describe, expect, it } from 'vitest';
import { checkE164 } from './phone-number';

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
