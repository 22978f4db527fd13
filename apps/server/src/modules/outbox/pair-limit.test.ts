import { describe, expect, it } from 'vitest';
import { PairLimit } from './pair-limit';

describe('PairLimit', () => {
  it('lets a burst of 45 through, then one message every 6 s to the same customer', () => {
    let t = 0;
    const pairs = new PairLimit(() => t);
    for (let i = 0; i < 45; i++) {
      expect(pairs.delay('5215511112222')).toBe(0);
      pairs.take('5215511112222');
    }
    expect(pairs.delay('5215511112222')).toBe(6_000);
    expect(pairs.delay('5215533334444')).toBe(0);
    t += 3_000;
    expect(pairs.delay('5215511112222')).toBe(3_000);
    t += 3_000;
    expect(pairs.delay('5215511112222')).toBe(0);
  });
});
