import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMs,
  type BusinessCalendar,
  BusinessCalendarSchema,
  businessMsBetween,
  businessTimeline,
  isOpenAt,
  nextOpenAt,
  overlappingRanges,
} from './business-hours';

const H = 3_600_000;
/** A shop in Madrid: weekdays 09:00–14:00 and 17:00–20:30, Saturday mornings, Sunday closed. */
const madridShop: BusinessCalendar = {
  timeZone: 'Europe/Madrid',
  days: [
    ...Array.from({ length: 5 }, () => [
      { from: '09:00', to: '14:00' },
      { from: '17:00', to: '20:30' },
    ]),
    [{ from: '10:00', to: '14:00' }],
    [],
  ],
  holidays: [
    { date: '2026-12-08', yearly: false, name: 'Inmaculada' },
    { date: '2000-12-25', yearly: true, name: 'Navidad' },
  ],
};
/** A bar open every night 22:00–02:00, Mexico City. */
const nightBar = (timeZone = 'America/Mexico_City'): BusinessCalendar => ({
  timeZone,
  days: Array.from({ length: 7 }, () => [{ from: '22:00', to: '02:00' }]),
  holidays: [],
});

const at = (iso: string) => new Date(iso);

describe('open now?', () => {
  it('follows several ranges a day in the calendar’s own zone', () => {
    // Monday 2026-12-07. Madrid is UTC+1 in winter.
    expect(isOpenAt(madridShop, at('2026-12-07T08:00:00Z'))).toBe(true); // 09:00 local
    expect(isOpenAt(madridShop, at('2026-12-07T07:59:59Z'))).toBe(false); // 08:59:59
    expect(isOpenAt(madridShop, at('2026-12-07T13:00:00Z'))).toBe(false); // 14:00, lunch: the end is exclusive
    expect(isOpenAt(madridShop, at('2026-12-07T16:00:00Z'))).toBe(true); // 17:00
    expect(isOpenAt(madridShop, at('2026-12-07T19:29:00Z'))).toBe(true); // 20:29
    expect(isOpenAt(madridShop, at('2026-12-07T19:30:00Z'))).toBe(false); // 20:30
    expect(isOpenAt(madridShop, at('2026-12-12T09:30:00Z'))).toBe(true); // Saturday 10:30
    expect(isOpenAt(madridShop, at('2026-12-13T10:00:00Z'))).toBe(false); // Sunday
  });

  it('closes on a holiday, once or every year', () => {
    expect(isOpenAt(madridShop, at('2026-12-08T10:00:00Z'))).toBe(false); // Inmaculada, a Tuesday
    expect(isOpenAt(madridShop, at('2027-12-08T10:00:00Z'))).toBe(true); // not yearly: open in 2027
    expect(isOpenAt(madridShop, at('2026-12-25T10:00:00Z'))).toBe(false); // Navidad, a Friday
    expect(isOpenAt(madridShop, at('2031-12-25T10:00:00Z'))).toBe(false); // every year
  });

  it('runs an overnight range into the next day', () => {
    const bar = nightBar();
    // Mexico City is UTC-6 all year since 2022.
    expect(isOpenAt(bar, at('2026-12-07T04:00:00Z'))).toBe(true); // 22:00 Sunday
    expect(isOpenAt(bar, at('2026-12-07T07:59:00Z'))).toBe(true); // 01:59 Monday
    expect(isOpenAt(bar, at('2026-12-07T08:00:00Z'))).toBe(false); // 02:00 Monday
    expect(isOpenAt(bar, at('2026-12-07T18:00:00Z'))).toBe(false); // 12:00
  });

  it('counts an overnight range as the day it starts on, holidays included', () => {
    const bar = { ...nightBar(), holidays: [{ date: '2026-12-11', yearly: false }] }; // a Friday
    expect(isOpenAt(bar, at('2026-12-12T05:00:00Z'))).toBe(false); // Friday 23:00: the holiday
    expect(isOpenAt(bar, at('2026-12-12T07:00:00Z'))).toBe(false); // 01:00 Saturday, still Friday’s range
    expect(isOpenAt(bar, at('2026-12-11T07:00:00Z'))).toBe(true); // 01:00 Friday: Thursday’s range
  });

  it('treats 24:00 as the end of the day and joins it to the next day’s 00:00', () => {
    const allWeekend: BusinessCalendar = {
      timeZone: 'UTC',
      days: [[], [], [], [], [{ from: '18:00', to: '24:00' }], [{ from: '00:00', to: '24:00' }], []],
      holidays: [],
    };
    expect(isOpenAt(allWeekend, at('2026-12-11T23:59:59Z'))).toBe(true);
    expect(isOpenAt(allWeekend, at('2026-12-12T00:00:00Z'))).toBe(true);
    expect(isOpenAt(allWeekend, at('2026-12-13T00:00:00Z'))).toBe(false);
    expect(businessMsBetween(allWeekend, at('2026-12-07T00:00:00Z'), at('2026-12-14T00:00:00Z'))).toBe(
      30 * H,
    );
    expect(nextOpenAt(allWeekend, at('2026-12-12T05:00:00Z'))).toEqual(at('2026-12-12T05:00:00Z'));
  });
});

describe('business time between two instants', () => {
  it('counts only open hours, across days, lunch breaks and holidays', () => {
    // Friday 2026-12-04 19:00 local to Wednesday 2026-12-09 10:00 local (UTC+1).
    const from = at('2026-12-04T18:00:00Z');
    const to = at('2026-12-09T09:00:00Z');
    // Friday 19:00–20:30 (1.5 h), Saturday 4 h, Monday 8.5 h, Tuesday a holiday, Wednesday 1 h.
    expect(businessMsBetween(madridShop, from, to)).toBe(15 * H);
    expect(businessMsBetween(madridShop, to, from)).toBe(0);
  });

  it('gives the next opening', () => {
    // Saturday 14:30 -> Monday 09:00 (Madrid, UTC+1).
    expect(nextOpenAt(madridShop, at('2026-12-12T13:30:00Z'))).toEqual(at('2026-12-14T08:00:00Z'));
    // Monday 7 December at 20:45 -> Wednesday, the Tuesday being a holiday.
    expect(nextOpenAt(madridShop, at('2026-12-07T19:45:00Z'))).toEqual(at('2026-12-09T08:00:00Z'));
    const never: BusinessCalendar = { timeZone: 'UTC', days: [[], [], [], [], [], [], []], holidays: [] };
    expect(nextOpenAt(never, at('2026-12-07T00:00:00Z'))).toBeNull();
  });
});

describe('adding business time', () => {
  it('five business minutes after a message at 03:00 end at 09:05, and a Friday evening one waits for Saturday', () => {
    // Tuesday 2026-12-01 03:00 Madrid (02:00Z): opens 09:00 (08:00Z).
    expect(addBusinessMs(madridShop, at('2026-12-01T02:00:00Z'), 5 * 60_000)).toEqual(
      at('2026-12-01T08:05:00Z'),
    );
    // Friday 2026-12-04 20:28 Madrid: two minutes left today, three more at Saturday 10:00.
    expect(addBusinessMs(madridShop, at('2026-12-04T19:28:00Z'), 5 * 60_000)).toEqual(
      at('2026-12-05T09:03:00Z'),
    );
    // Monday 2026-12-07 at 20:00, then Tuesday 8 December is a holiday: Wednesday 09:00 + 25 minutes.
    expect(addBusinessMs(madridShop, at('2026-12-07T19:00:00Z'), 55 * 60_000)).toEqual(
      at('2026-12-09T08:25:00Z'),
    );
  });

  it('a calendar with no hours never gets there', () => {
    const closed: BusinessCalendar = {
      timeZone: 'UTC',
      days: Array.from({ length: 7 }, () => []),
      holidays: [],
    };
    expect(addBusinessMs(closed, at('2026-12-01T00:00:00Z'), 60_000)).toBeNull();
  });
});

describe('clock changes', () => {
  const earlyHours = (timeZone: string): BusinessCalendar => ({
    timeZone,
    days: Array.from({ length: 7 }, () => [{ from: '01:00', to: '05:00' }]),
    holidays: [],
  });
  // The local day of `isoDay` in Madrid or Mexico City lies within 6 h before to 18 h after its UTC midnight.
  const dayOf = (cal: BusinessCalendar, isoDay: string) => {
    const midnight = at(`${isoDay}T00:00:00Z`).getTime();
    return businessMsBetween(cal, new Date(midnight - 6 * H), new Date(midnight + 18 * H));
  };

  it('Europe/Madrid: a range across the spring change is an hour shorter, across the autumn one an hour longer', () => {
    const cal = earlyHours('Europe/Madrid');
    expect(dayOf(cal, '2026-03-28')).toBe(4 * H); // a plain Saturday
    expect(dayOf(cal, '2026-03-29')).toBe(3 * H); // 02:00 -> 03:00
    expect(dayOf(cal, '2026-10-25')).toBe(5 * H); // 03:00 -> 02:00
    // A night range that ends when the clocks jump (02:00 is 03:00) keeps its 4 real hours.
    expect(
      businessMsBetween(nightBar('Europe/Madrid'), at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z')),
    ).toBe(4 * H);
  });

  it('Europe/Madrid: a time skipped in spring counts from after the gap; a time shown twice in autumn is its first', () => {
    const opensAtHalfPastTwo: BusinessCalendar = {
      timeZone: 'Europe/Madrid',
      days: Array.from({ length: 7 }, () => [{ from: '02:30', to: '06:00' }]),
      holidays: [],
    };
    // Spring: 02:30 does not exist; the range opens at 03:30 CEST (01:30Z).
    expect(isOpenAt(opensAtHalfPastTwo, at('2026-03-29T01:29:00Z'))).toBe(false);
    expect(isOpenAt(opensAtHalfPastTwo, at('2026-03-29T01:30:00Z'))).toBe(true);
    // Autumn: 02:30 happens first in CEST (00:30Z).
    expect(isOpenAt(opensAtHalfPastTwo, at('2026-10-25T00:30:00Z'))).toBe(true);
    expect(isOpenAt(opensAtHalfPastTwo, at('2026-10-25T00:29:00Z'))).toBe(false);
  });

  it('America/Mexico_City: the changes of 2022 are honoured, and none since Mexico ended summer time', () => {
    const cal = earlyHours('America/Mexico_City');
    expect(dayOf(cal, '2022-04-03')).toBe(3 * H); // 02:00 -> 03:00, the last spring change
    expect(dayOf(cal, '2022-10-30')).toBe(5 * H); // 02:00 -> 01:00, the last autumn change
    expect(dayOf(cal, '2026-04-05')).toBe(4 * H); // first Sunday of April: no change any more
    expect(dayOf(cal, '2026-10-25')).toBe(4 * H);
    expect(isOpenAt(cal, at('2026-07-01T07:00:00Z'))).toBe(true); // 01:00 UTC-6 in summer
  });
});

describe('the calendar’s shape', () => {
  it('refuses a range that starts where it ends and a time that is no time', () => {
    const bad = BusinessCalendarSchema.safeParse({
      timeZone: 'UTC',
      days: [[{ from: '09:00', to: '09:00' }], [{ from: '9:00', to: '18:00' }], [], [], [], [], []],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['days.0.0', 'days.1.0.from']);
  });
});

// --- properties -----------------------------------------------------------------------------

const zones = ['Europe/Madrid', 'America/Mexico_City', 'America/Sao_Paulo', 'UTC', 'Asia/Kolkata'];
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const range = fc
  .tuple(hhmm, hhmm)
  .filter(([a, b]) => a !== b)
  .map(([from, to]) => ({ from, to }));
const calendar: fc.Arbitrary<BusinessCalendar> = fc.record({
  timeZone: fc.constantFrom(...zones),
  days: fc.array(fc.array(range, { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
  holidays: fc.array(
    fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.boolean())
      .map(([m, d, yearly]) => ({
        date: `2026-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        yearly,
      })),
    { maxLength: 5 },
  ),
});
// Instants over 2026 (both clock changes of Madrid), on whole minutes.
const instant = fc
  .integer({ min: Date.UTC(2026, 0, 1) / 60_000, max: Date.UTC(2026, 11, 31) / 60_000 })
  .map((m) => new Date(m * 60_000));

describe('properties', () => {
  it('a timeline worked out once answers as businessMsBetween does, inside its span and outside it', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        fc.array(
          fc.tuple(fc.integer({ min: -3 * 1440, max: 40 * 1440 }), fc.integer({ min: 0, max: 20 * 1440 })),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (cal, from, pairs) => {
          const to = new Date(from.getTime() + 30 * 24 * H);
          const timeline = businessTimeline(cal, from, to);
          for (const [offset, length] of pairs) {
            const a = new Date(from.getTime() + offset * 60_000);
            const b = new Date(a.getTime() + length * 60_000);
            expect(timeline.msBetween(a, b)).toBe(businessMsBetween(cal, a, b));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('business time adds up over consecutive spans and never exceeds the wall time', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        fc.integer({ min: 0, max: 5 * 24 * 60 }),
        fc.integer({ min: 0, max: 5 * 24 * 60 }),
        (cal, a, m1, m2) => {
          const b = new Date(a.getTime() + m1 * 60_000);
          const c = new Date(b.getTime() + m2 * 60_000);
          const ab = businessMsBetween(cal, a, b);
          const bc = businessMsBetween(cal, b, c);
          expect(ab + bc).toBe(businessMsBetween(cal, a, c));
          expect(ab).toBeLessThanOrEqual(b.getTime() - a.getTime());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('open at an instant exactly when the minute after it holds business time', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        const minute = businessMsBetween(cal, t, new Date(t.getTime() + 60_000));
        expect(isOpenAt(cal, t)).toBe(minute > 0);
      }),
      { numRuns: 300 },
    );
  });

  it('adding business time lands where exactly that much business time has passed', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 3 * 24 * 60 }), (cal, t, minutes) => {
        const ms = minutes * 60_000;
        const end = addBusinessMs(cal, t, ms, 60);
        if (end === null) {
          expect(businessMsBetween(cal, t, new Date(t.getTime() + 60 * 24 * H))).toBeLessThan(ms);
          return;
        }
        expect(businessMsBetween(cal, t, end)).toBe(ms);
        // And not a moment later: the minute before the end held business time.
        expect(businessMsBetween(cal, new Date(end.getTime() - 1), end)).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it('the next opening is open, and nothing before it is', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        const next = nextOpenAt(cal, t);
        if (next === null) {
          expect(businessMsBetween(cal, t, new Date(t.getTime() + 14 * 24 * H))).toBe(0);
          return;
        }
        expect(isOpenAt(cal, next)).toBe(true);
        expect(businessMsBetween(cal, t, next)).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});

describe('overlapping ranges', () => {
  it('names each range that starts before an earlier one of its day ends', () => {
    const days = [
      [
        { from: '13:00', to: '18:00' },
        { from: '09:00', to: '14:00' },
      ],
      [
        { from: '09:00', to: '14:00' },
        { from: '14:00', to: '18:00' }, // touching is fine
      ],
      [
        { from: '20:00', to: '02:00' }, // overnight: up to midnight here
        { from: '23:00', to: '23:30' },
      ],
      [],
      [],
      [],
      [],
    ];
    expect(overlappingRanges({ days })).toEqual([
      { day: 0, index: 0, other: 1 },
      { day: 2, index: 1, other: 0 },
    ]);
  });
});
