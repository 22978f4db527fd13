import { describe, expect, it } from 'vitest';
import { allTimeZones, offsetLabel, timeZoneOptions, zoneCity } from './time-zones';

const winter = new Date('2026-01-15T12:00:00Z');
const summer = new Date('2026-07-15T12:00:00Z');

describe('time zone picker', () => {
  it('labels a zone with its offset at that date', () => {
    expect(offsetLabel('Europe/Madrid', winter)).toBe('UTC+1');
    expect(offsetLabel('Europe/Madrid', summer)).toBe('UTC+2');
    expect(offsetLabel('America/Mexico_City', summer)).toBe('UTC-6');
    expect(offsetLabel('Asia/Kolkata', winter)).toBe('UTC+5:30');
    expect(offsetLabel('UTC', winter)).toBe('UTC');
  });

  it('names the city as people write it', () => {
    expect(zoneCity('America/Mexico_City')).toBe('Mexico City');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
  });

  it('lists every zone once, UTC included, ordered by offset', () => {
    const zones = allTimeZones();
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Madrid');
    expect(new Set(zones).size).toBe(zones.length);
    const options = timeZoneOptions(winter, ['Europe/Madrid', 'UTC', 'America/Mexico_City']);
    expect(options).toEqual([
      { value: 'America/Mexico_City', label: '(UTC-6) America/Mexico City' },
      { value: 'UTC', label: '(UTC) UTC' },
      { value: 'Europe/Madrid', label: '(UTC+1) Europe/Madrid' },
    ]);
  });
});
