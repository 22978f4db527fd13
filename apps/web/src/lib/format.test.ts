import { describe, expect, it } from 'vitest';
import { daysAgo, formatDayLabel, formatListTime } from './format';

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
});
