import { describe, expect, it } from 'vitest';
import { createRealtimeHub, SESSION_ENDED_CLOSE_CODE } from './realtime-hub';
import { createSessionWatch } from './session-watch';

function fakeSocket() {
  const socket = {
    sent: [] as string[],
    closedWith: null as number | null,
    send: (data: string) => socket.sent.push(data),
    close: (code?: number) => {
      socket.closedWith = code ?? null;
    },
  };
  return socket;
}

function connect(hub: ReturnType<typeof createRealtimeHub>, sessionId: string, role = 'agent') {
  const socket = fakeSocket();
  hub.add({ workspaceId: 'w1', userId: `u-${sessionId}`, role, sessionId, socket });
  return socket;
}

describe('session watch', () => {
  it('closes the sockets of sessions no longer live or whose role changed; they hear nothing more', async () => {
    const hub = createRealtimeHub();
    const live = connect(hub, 's1');
    const ended = connect(hub, 's2');
    const promoted = connect(hub, 's3', 'agent');
    const watch = createSessionWatch({
      hub,
      intervalMs: 60_000,
      live: async () =>
        new Map([
          ['s1', { role: 'agent' }],
          ['s3', { role: 'admin' }],
        ]),
    });
    expect(await watch.check()).toBe(2);
    expect([live.closedWith, ended.closedWith, promoted.closedWith]).toEqual([
      null,
      SESSION_ENDED_CLOSE_CODE,
      SESSION_ENDED_CLOSE_CODE,
    ]);
    hub.push('w1', { type: 'message.created' });
    expect([live.sent.length, ended.sent.length, promoted.sent.length]).toEqual([1, 0, 0]);
    expect(hub.size()).toBe(1);
  });

  it('closes at once the sockets of sessions announced as ended, and no others', () => {
    const hub = createRealtimeHub();
    const a = connect(hub, 's1');
    const b = connect(hub, 's2');
    const watch = createSessionWatch({ hub, intervalMs: 60_000, live: async () => new Map() });
    expect(watch.ended(['s2', 'unknown'])).toBe(1);
    expect([a.closedWith, b.closedWith]).toEqual([null, SESSION_ENDED_CLOSE_CODE]);
  });
});
