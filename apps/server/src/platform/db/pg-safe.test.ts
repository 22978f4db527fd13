import { describe, expect, it } from 'vitest';
import { toPgJson, toPgSafeText } from './pg-safe';

describe('pg-safe', () => {
  it('replaces NUL and lone surrogates in text, keeps real emoji', () => {
    expect(toPgSafeText('a\u0000b\uDC00c😀')).toBe('a\uFFFDb\uFFFDc😀');
    expect(toPgSafeText(null)).toBeNull();
  });

  it('replaces them in JSON escapes, but not an escaped backslash that looks like one', () => {
    const json = toPgJson({ a: 'x\u0000', b: '\uD800', c: '\\u0000', d: '😀' });
    expect(JSON.parse(json)).toEqual({ a: 'x\uFFFD', b: '\uFFFD', c: '\\u0000', d: '😀' });
  });
});
