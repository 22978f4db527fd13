import { describe, expect, it } from 'vitest';
import { countNewSince, nextPinned } from './stick-to-bottom';

const box = (scrollTop: number) => ({ scrollTop, scrollHeight: 2000, clientHeight: 600 });

describe('staying at the newest message', () => {
  it('holds on while an image grows below (the bottom moves away, the agent did not scroll)', () => {
    expect(nextPinned(true, box(1000), 1000)).toBe(true);
  });

  it('lets go when the agent scrolls up, and holds again back at the bottom', () => {
    expect(nextPinned(true, box(900), 1400)).toBe(false);
    expect(nextPinned(false, box(1100), 900)).toBe(false);
    expect(nextPinned(false, box(1350), 1100)).toBe(true);
  });

  it('counts the messages that came after the newest one the agent saw', () => {
    expect(countNewSince(['a', 'b', 'c', 'd'], 'b')).toBe(2);
    expect(countNewSince(['a', 'b'], 'b')).toBe(0);
    expect(countNewSince(['a', 'b'], 'gone')).toBe(0);
    expect(countNewSince([], null)).toBe(0);
  });
});
