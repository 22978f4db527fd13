import { describe, expect, it } from 'vitest';
import { snoozeUntil } from './snooze-presets';

describe('snooze presets', () => {
  const wednesday = new Date(2026, 10, 25, 15, 30);

  it('1 h is one hour from now', () => {
    expect(snoozeUntil('1h', wednesday).getTime() - wednesday.getTime()).toBe(3_600_000);
  });

  it('tomorrow is 9:00 the next day', () => {
    expect(snoozeUntil('tomorrow', wednesday)).toEqual(new Date(2026, 10, 26, 9, 0));
  });

  it('next week is the coming Monday at 9:00', () => {
    expect(snoozeUntil('nextWeek', wednesday)).toEqual(new Date(2026, 10, 30, 9, 0));
    expect(snoozeUntil('nextWeek', new Date(2026, 10, 30, 8, 0))).toEqual(new Date(2026, 11, 7, 9, 0));
    expect(snoozeUntil('nextWeek', new Date(2026, 10, 29, 20, 0))).toEqual(new Date(2026, 10, 30, 9, 0));
  });
});
