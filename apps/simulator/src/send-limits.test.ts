import { describe, expect, it } from 'vitest';
import { SendLimits } from './send-limits';

const PAIR = { intervalMs: 6_000, burst: 45 };

describe('SendLimits', () => {
  it('allows mps messages in any one second of the clock, then refuses until it slides', () => {
    const limits = new SendLimits();
    for (let i = 0; i < 3; i += 1) {
      expect(limits.isWithinThroughput('n', 1_000 + i, 3)).toBe(true);
      limits.record('n', `n:${i}`, 1_000 + i, null);
    }
    expect(limits.isWithinThroughput('n', 1_500, 3)).toBe(false);
    expect(limits.isWithinThroughput('other', 1_500, 3)).toBe(true);
    expect(limits.isWithinThroughput('n', 2_000, 3)).toBe(true);
  });

  it('allows a burst of 45 to one user, then one message every 6 s as the burst is paid back', () => {
    const limits = new SendLimits();
    for (let i = 0; i < 45; i += 1) {
      expect(limits.isWithinPairRate('n:u', 0, PAIR)).toBe(true);
      limits.record('n', 'n:u', 0, PAIR);
    }
    expect(limits.isWithinPairRate('n:u', 0, PAIR)).toBe(false);
    expect(limits.isWithinPairRate('n:v', 0, PAIR)).toBe(true);
    expect(limits.isWithinPairRate('n:u', 5_999, PAIR)).toBe(false);
    expect(limits.isWithinPairRate('n:u', 6_000, PAIR)).toBe(true);
    limits.record('n', 'n:u', 6_000, PAIR);
    expect(limits.isWithinPairRate('n:u', 6_000, PAIR)).toBe(false);
    // After a burst of 20, a full 45 is available again only once the 20 × 6 s are paid back.
    const other = new SendLimits();
    for (let i = 0; i < 20; i += 1) other.record('n', 'n:w', 0, PAIR);
    let sent = 0;
    while (other.isWithinPairRate('n:w', 0, PAIR)) {
      other.record('n', 'n:w', 0, PAIR);
      sent += 1;
    }
    expect(sent).toBe(25);
  });
});
