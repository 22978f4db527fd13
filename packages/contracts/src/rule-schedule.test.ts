import { describe, expect, it } from 'vitest';
import { nextScheduledRun } from './rule-schedule';

const madrid = (weekdays: number[], time: string) => ({ weekdays, time, timeZone: 'Europe/Madrid' });
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('nextScheduledRun', () => {
  it('runs later the same day, or on the next chosen weekday', () => {
    // Tuesday 2025-06-10, 08:00 in Madrid (06:00 UTC).
    const tuesdayMorning = new Date('2025-06-10T06:00:00Z');
    expect(iso(nextScheduledRun(madrid([1], '09:00'), tuesdayMorning))).toBe('2025-06-10T07:00:00.000Z');
    // At its own time: the next week's run, never the one now.
    expect(iso(nextScheduledRun(madrid([1], '09:00'), new Date('2025-06-10T07:00:00Z')))).toBe(
      '2025-06-17T07:00:00.000Z',
    );
    // Monday and Friday only: from Tuesday, Friday.
    expect(iso(nextScheduledRun(madrid([0, 4], '18:30'), tuesdayMorning))).toBe('2025-06-13T16:30:00.000Z');
    expect(iso(nextScheduledRun(madrid([6], '23:59'), tuesdayMorning))).toBe('2025-06-15T21:59:00.000Z');
  });

  it('keeps the wall-clock time across Madrid’s clock changes', () => {
    const daily = madrid([0, 1, 2, 3, 4, 5, 6], '09:00');
    // Saturday 29 March 2025 09:00 CET is 08:00 UTC; Sunday 30 March (CEST) 09:00 is 07:00 UTC.
    const spring = nextScheduledRun(daily, new Date('2025-03-29T08:00:00Z'));
    expect(iso(spring)).toBe('2025-03-30T07:00:00.000Z');
    expect(iso(nextScheduledRun(daily, spring!))).toBe('2025-03-31T07:00:00.000Z');
    // Autumn: Sunday 26 October 2025 back to CET, 09:00 is 08:00 UTC again.
    expect(iso(nextScheduledRun(daily, new Date('2025-10-25T07:00:00Z')))).toBe('2025-10-26T08:00:00.000Z');
    // 02:30 does not exist on the spring day: it runs just after the gap, at 03:30 CEST.
    expect(iso(nextScheduledRun(madrid([6], '02:30'), new Date('2025-03-29T12:00:00Z')))).toBe(
      '2025-03-30T01:30:00.000Z',
    );
    // 02:30 happens twice on the autumn day: the first one (CEST, 00:30 UTC), once.
    const fold = nextScheduledRun(madrid([6], '02:30'), new Date('2025-10-25T12:00:00Z'));
    expect(iso(fold)).toBe('2025-10-26T00:30:00.000Z');
    expect(iso(nextScheduledRun(madrid([6], '02:30'), fold!))).toBe('2025-11-02T01:30:00.000Z');
  });

  it('has no run without a day or with a time that is not HH:MM', () => {
    expect(nextScheduledRun(madrid([], '09:00'), new Date())).toBeNull();
    expect(nextScheduledRun(madrid([1], '9:00'), new Date())).toBeNull();
    expect(nextScheduledRun(madrid([1], '24:00'), new Date())).toBeNull();
  });
});
