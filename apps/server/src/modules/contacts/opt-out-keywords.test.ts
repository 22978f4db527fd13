import { describe, expect, it } from 'vitest';
import {
  consentKeyword,
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_KEYWORDS,
  normaliseKeyword,
} from './opt-out-keywords';

const lists = { optOut: DEFAULT_OPT_OUT_KEYWORDS, optIn: DEFAULT_OPT_IN_KEYWORDS };

describe('consentKeyword', () => {
  it.each(DEFAULT_OPT_OUT_KEYWORDS)('opts out on %s in any case, with spaces and punctuation around', (k) => {
    expect(consentKeyword(k, lists)).toBe('opt_out');
    expect(consentKeyword(`  ${k.toLowerCase()}! `, lists)).toBe('opt_out');
  });
  it.each(DEFAULT_OPT_IN_KEYWORDS)('opts back in on %s', (k) => {
    expect(consentKeyword(k.toLowerCase(), lists)).toBe('opt_in');
  });
  it('ignores accents on both sides', () => {
    expect(consentKeyword('Bája', lists)).toBe('opt_out');
    expect(consentKeyword('cancelar', { optOut: ['Cancelación'], optIn: [] })).toBe(null);
    expect(consentKeyword('CANCELACION', { optOut: ['Cancelación'], optIn: [] })).toBe('opt_out');
  });
  it('leaves a keyword inside a sentence to the agent', () => {
    expect(consentKeyword('quiero darme de baja', lists)).toBe(null);
    expect(consentKeyword('please stop sending', lists)).toBe(null);
    expect(consentKeyword('STOPPED', lists)).toBe(null);
    expect(consentKeyword('', lists)).toBe(null);
    expect(consentKeyword('🙂', lists)).toBe(null);
  });
  it('normalises inner spaces', () => {
    expect(normaliseKeyword(' no   más ')).toBe('NO MAS');
    expect(consentKeyword('No más', { optOut: ['NO MAS'], optIn: [] })).toBe('opt_out');
  });
});
