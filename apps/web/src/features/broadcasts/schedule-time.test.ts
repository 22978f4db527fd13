import { describe, expect, it } from 'vitest';
import { defaultScheduleSlot, formatInZone, utcToZoned, zonedToUtc } from './schedule-time';

describe('schedule in the workspace time zone', () => {
  it('converts a wall-clock time to the instant in that zone, not the browser one', () => {
    expect(zonedToUtc('2026-12-01', '09:30', 'Europe/Madrid')?.toISOString()).toBe(
      '2026-12-01T08:30:00.000Z',
    );
    expect(zonedToUtc('2026-07-01', '09:30', 'Europe/Madrid')?.toISOString()).toBe(
      '2026-07-01T07:30:00.000Z',
    );
    expect(zonedToUtc('2026-12-01', '09:30', 'America/Mexico_City')?.toISOString()).toBe(
      '2026-12-01T15:30:00.000Z',
    );
    expect(zonedToUtc('2026-12-01', '23:15', 'UTC')?.toISOString()).toBe('2026-12-01T23:15:00.000Z');
  });

  it('handles the DST change days', () => {
    // Madrid skips 02:00-03:00 on 2026-03-29 and repeats 02:00-03:00 on 2026-10-25.
    expect(zonedToUtc('2026-03-29', '03:30', 'Europe/Madrid')?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 does not exist that day: it is read as 03:30 summer time, an hour after 01:30.
    expect(zonedToUtc('2026-03-29', '02:30', 'Europe/Madrid')?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(zonedToUtc('2026-03-29', '01:30', 'Europe/Madrid')?.toISOString()).toBe(
      '2026-03-29T00:30:00.000Z',
    );
    // Mexico City has kept UTC-6 all year since 2022.
    expect(zonedToUtc('2026-07-01', '09:30', 'America/Mexico_City')?.toISOString()).toBe(
      '2026-07-01T15:30:00.000Z',
    );
    expect(zonedToUtc('2026-10-25', '04:00', 'Europe/Madrid')?.toISOString()).toBe(
      '2026-10-25T03:00:00.000Z',
    );
  });

  it('rejects malformed dates and times', () => {
    expect(zonedToUtc('2026-13-01', '09:00', 'UTC')).toBeNull();
    expect(zonedToUtc('01/12/2026', '09:00', 'UTC')).toBeNull();
    expect(zonedToUtc('2026-12-01', '9h', 'UTC')).toBeNull();
  });

  it('round-trips through the inputs', () => {
    const instant = new Date('2026-12-01T15:30:00Z');
    expect(utcToZoned(instant, 'America/Mexico_City')).toEqual({ date: '2026-12-01', time: '09:30' });
    expect(utcToZoned(instant, 'Asia/Kolkata')).toEqual({ date: '2026-12-01', time: '21:00' });
  });

  it('suggests the next full hour at least half an hour ahead', () => {
    expect(defaultScheduleSlot(new Date('2026-12-01T08:10:00Z'), 'Europe/Madrid')).toEqual({
      date: '2026-12-01',
      time: '10:00',
    });
    expect(defaultScheduleSlot(new Date('2026-12-01T08:40:00Z'), 'UTC')).toEqual({
      date: '2026-12-01',
      time: '10:00',
    });
  });

  it('shows the time in the workspace zone and language', () => {
    const text = formatInZone('2026-12-01T08:30:00Z', 'es', 'Europe/Madrid');
    expect(text).toContain('9:30');
    expect(text).toContain('dic');
  });
});
