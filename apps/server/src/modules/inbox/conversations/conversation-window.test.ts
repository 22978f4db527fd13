import { describe, expect, it } from 'vitest';
import { getConversationWindow } from './conversation-window';

const at = (iso: string) => new Date(iso);

describe('24-hour window', () => {
  it('is open just before 24 h and closed at 24 h', () => {
    const last = at('2026-11-01T10:00:00Z');
    expect(getConversationWindow(last, at('2026-11-02T09:59:59Z')).isOpen).toBe(true);
    expect(getConversationWindow(last, at('2026-11-02T10:00:00Z')).isOpen).toBe(false);
    expect(getConversationWindow(last, at('2026-11-02T10:00:00Z')).expiresAt?.toISOString()).toBe(
      '2026-11-02T10:00:00.000Z',
    );
  });

  it('is closed when the customer never wrote', () => {
    expect(getConversationWindow(null, new Date())).toEqual({ isOpen: false, expiresAt: null });
  });
});
