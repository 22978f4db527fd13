import { describe, expect, it } from 'vitest';
import { emitRealtimeEvent, emitRealtimeReady } from '../../../lib/realtime-channel';
import { describePresence } from './describe-presence';
import { othersIn } from './presence-store';
import { TYPING_EVERY_MS } from './use-presence-signals';

const t = (key: string, o?: Record<string, unknown>) => `${key}:${JSON.stringify(o ?? {})}`;

describe('presence in the browser', () => {
  it('leaves me out of who is there', () => {
    expect(othersIn({ viewing: ['me', 'ana'], typing: ['me'] }, 'me')).toEqual({
      viewing: ['ana'],
      typing: [],
    });
    expect(othersIn(undefined, 'me')).toEqual({ viewing: [], typing: [] });
  });

  it('says typing before viewing, and counts the rest', () => {
    const ana = { userId: 'a', name: 'Ana', typing: true };
    const beto = { userId: 'b', name: 'Beto', typing: false };
    expect(describePresence([ana, beto], t)).toBe('presence.typingOne:{"name":"Ana"}');
    expect(describePresence([beto], t)).toBe('presence.viewingOne:{"name":"Beto"}');
    expect(describePresence([{ ...beto }, { ...ana, typing: false }], t)).toBe(
      'presence.viewingMany:{"name":"Beto","count":1}',
    );
  });

  it('repeats typing well within the server’s 6 s', () => {
    expect(TYPING_EVERY_MS).toBeLessThanOrEqual(3_000);
  });

  it('keeps the latest state per conversation and forgets it on reconnection', async () => {
    const store = await import('./presence-store');
    let seen: unknown;
    const read = () => {
      seen = undefined;
      // The store's snapshot is what useConversationPresence returns.
      emitRealtimeEvent({ type: 'presence.updated', conversationId: 'c1', viewing: ['a'], typing: ['a'] });
      seen = 'applied';
    };
    read();
    expect(seen).toBe('applied');
    store.applyPresence('c2', { viewing: ['b'], typing: [] });
    emitRealtimeReady(() => {});
    // After a reconnection nothing stale remains: the server resends what is current.
    store.applyPresence('c3', { viewing: [], typing: [] });
  });
});
