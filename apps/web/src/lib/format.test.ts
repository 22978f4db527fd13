import { describe, expect, it } from 'vitest';
import { daysAgo, formatDayLabel, formatListTime, formatTime } from './format';

const now = new Date(2025, 5, 18, 15, 30);

describe('format', () => {
  it('counts calendar days, not 24-hour periods', () => {
    expect(daysAgo(new Date(2025, 5, 17, 23, 59), now)).toBe(1);
    expect(daysAgo(new Date(2025, 5, 18, 0, 1), now)).toBe(0);
  });

  it('shows yesterday in the active language', () => {
    const yesterday = new Date(2025, 5, 17, 10, 0).toISOString();
    expect(formatListTime(yesterday, now, 'es')).toBe('Ayer');
    expect(formatListTime(yesterday, now, 'en')).toBe('Yesterday');
    expect(formatDayLabel(new Date(2025, 5, 18, 9, 0).toISOString(), now, 'en')).toBe('Today');
  });

  it('shows the time for today', () => {
    expect(formatListTime(new Date(2025, 5, 18, 9, 5).toISOString(), now, 'en')).toMatch(/09:05|9:05/);
  });

  it("shows times in the language's clock: 24 hours in Spanish, 12 in English", () => {
    const afternoon = new Date(2025, 5, 18, 14, 5).toISOString();
    const morning = new Date(2025, 5, 18, 9, 5).toISOString();
    expect(formatTime(afternoon, 'es')).toBe('14:05');
    expect(formatTime(morning, 'es')).toBe('09:05');
    expect(formatTime(afternoon, 'es-MX')).toBe('14:05');
    expect(formatTime(afternoon, 'en').replace(/\s/g, ' ')).toBe('2:05 PM');
    expect(formatTime(morning, 'en').replace(/\s/g, ' ')).toBe('9:05 AM');
  });
});
