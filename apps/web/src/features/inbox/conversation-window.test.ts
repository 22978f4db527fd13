import { describe, expect, it } from 'vitest';
import { splitMinutes, windowState } from './conversation-window';

const now = new Date('2025-06-18T12:00:00Z');

describe('windowState', () => {
  it('counts whole minutes left until expiresAt', () => {
    const state = windowState({ isOpen: true, expiresAt: '2025-06-19T11:12:30Z' }, now);
    expect(state).toEqual({ isOpen: true, minutesLeft: 23 * 60 + 12 });
    expect(splitMinutes(state.minutesLeft ?? 0)).toEqual({ hours: 23, minutes: 12 });
  });

  it('closes when the browser clock has passed expiresAt', () => {
    expect(windowState({ isOpen: true, expiresAt: '2025-06-18T11:59:59Z' }, now).isOpen).toBe(false);
  });

  it('trusts the server when it says closed', () => {
    expect(windowState({ isOpen: false, expiresAt: '2025-06-19T11:00:00Z' }, now)).toEqual({
      isOpen: false,
      minutesLeft: null,
    });
  });
});
