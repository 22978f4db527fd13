import { describe, expect, it } from 'vitest';
import { createPresenceRegistry, type PresenceSignal } from './presence-registry';

const ws = 'w1';
const signal = (
  connectionId: string,
  userId: string,
  state: PresenceSignal['state'],
  conversationId: string | null,
) => ({ connectionId, workspaceId: ws, userId, state, conversationId }) satisfies PresenceSignal;

describe('presence registry', () => {
  it('tracks viewers and typists per conversation, each member once', () => {
    const r = createPresenceRegistry({ typingMs: 6_000, liveMs: 70_000 });
    expect(r.apply(signal('a1', 'ana', 'viewing', 'c1'), 0)).toEqual([
      { workspaceId: ws, conversationId: 'c1' },
    ]);
    r.apply(signal('a2', 'ana', 'viewing', 'c1'), 0); // a second tab
    r.apply(signal('b1', 'beto', 'typing', 'c1'), 0);
    expect(r.state(ws, 'c1', 1_000)).toEqual({ viewing: ['ana', 'beto'], typing: ['beto'] });
    expect(r.state('other', 'c1', 1_000)).toEqual({ viewing: [], typing: [] });
  });

  it('ends typing ~6 s after the last signal, keeps it on a refresh, ends it on viewing', () => {
    const r = createPresenceRegistry({ typingMs: 6_000, liveMs: 70_000 });
    r.apply(signal('b1', 'beto', 'typing', 'c1'), 0);
    r.apply(signal('b1', 'beto', 'refresh', 'c1'), 1_000);
    expect(r.expire(5_000)).toEqual([]);
    expect(r.expire(6_000)).toEqual([{ workspaceId: ws, conversationId: 'c1' }]);
    expect(r.state(ws, 'c1', 6_000).typing).toEqual([]);
    r.apply(signal('b1', 'beto', 'typing', 'c1'), 7_000);
    r.apply(signal('b1', 'beto', 'viewing', 'c1'), 8_000);
    expect(r.state(ws, 'c1', 8_000).typing).toEqual([]);
  });

  it('moving to another conversation or closing changes both, and a silent socket is dropped', () => {
    const r = createPresenceRegistry({ typingMs: 6_000, liveMs: 70_000 });
    r.apply(signal('a1', 'ana', 'viewing', 'c1'), 0);
    expect(r.apply(signal('a1', 'ana', 'viewing', 'c2'), 0).map((x) => x.conversationId)).toEqual([
      'c1',
      'c2',
    ]);
    expect(r.isConnected(ws, 'ana')).toBe(true);
    expect(r.apply(signal('a1', 'ana', 'gone', null), 0).map((x) => x.conversationId)).toEqual(['c2']);
    expect(r.isConnected(ws, 'ana')).toBe(false);
    r.apply(signal('b1', 'beto', 'viewing', 'c3'), 0);
    expect(r.expire(70_000).map((x) => x.conversationId)).toEqual(['c3']);
    expect(r.conversations(ws)).toEqual([]);
  });
});
