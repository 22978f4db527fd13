import { type RealtimeEvent, RealtimeEventSchema } from '@charla/contracts';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from './query-keys';
import {
  applyRealtimeEvent,
  connectRealtime,
  parseRealtimeFrame,
  realtimeUrl,
  reconnectDelay,
  refreshOnSubscribed,
} from './realtime';

/** Stands in for the browser's WebSocket: the test plays the server's side. */
class FakeSocket {
  static readonly OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send() {}
  close() {}
  serverOpens() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  serverSends(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('realtime', () => {
  it('backs off exponentially up to 30 seconds', () => {
    const noJitter = () => 1;
    expect(reconnectDelay(0, noJitter)).toBe(1_000);
    expect(reconnectDelay(3, noJitter)).toBe(8_000);
    expect(reconnectDelay(20, noJitter)).toBe(30_000);
    expect(reconnectDelay(3, () => 0)).toBe(4_000);
  });

  it('uses wss behind https', () => {
    expect(realtimeUrl({ protocol: 'https:', host: 'chat.example.com' })).toBe(
      'wss://chat.example.com/api/realtime',
    );
    expect(realtimeUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe(
      'ws://localhost:5173/api/realtime',
    );
  });

  it('ignores frames that are not realtime events', () => {
    expect(parseRealtimeFrame('not json')).toBeNull();
    expect(parseRealtimeFrame('{"type":"unknown"}')).toBeNull();
    expect(parseRealtimeFrame('{"type":"message.created","conversationId":"c1"}')).toBeNull();
    expect(parseRealtimeFrame('{"type":"conversation.updated","conversationId":"c1"}')).toEqual({
      type: 'conversation.updated',
      conversationId: 'c1',
    });
  });

  it('accepts every event of the contract', () => {
    for (const event of [
      { type: 'message.created', conversationId: 'c1', messageId: 'm1' },
      { type: 'message.updated', conversationId: 'c1', messageId: 'm1' },
      { type: 'conversation.updated', conversationId: 'c1' },
      { type: 'channel.updated', channelId: 'ch1' },
      { type: 'template.updated', templateId: 't1' },
    ] satisfies RealtimeEvent[]) {
      expect(RealtimeEventSchema.parse(event)).toEqual(event);
      expect(parseRealtimeFrame(JSON.stringify(event))).toEqual(event);
    }
  });

  it('refreshes template lists and pages when a review ends', () => {
    const client = new QueryClient();
    client.setQueryData([...queryKeys.templates, 'list', 'w1', 'all'], { items: [] });
    client.setQueryData(queryKeys.conversations, { items: [] });
    applyRealtimeEvent(client, { type: 'template.updated', templateId: 't1' });
    expect(client.getQueryState([...queryKeys.templates, 'list', 'w1', 'all'])?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.conversations)?.isInvalidated).toBe(false);
  });

  it('invalidates the conversation list and that thread only', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.conversations, { items: [] });
    client.setQueryData(queryKeys.thread('c1'), {});
    client.setQueryData(queryKeys.thread('c2'), {});
    applyRealtimeEvent(client, { type: 'message.created', conversationId: 'c1', messageId: 'm1' });
    const isStale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(isStale(queryKeys.conversations)).toBe(true);
    expect(isStale(queryKeys.thread('c1'))).toBe(true);
    expect(isStale(queryKeys.thread('c2'))).toBe(false);
  });

  it('after a gap, refreshes every screen realtime keeps current, templates and broadcasts too', () => {
    const client = new QueryClient();
    const kept = [
      queryKeys.conversations,
      queryKeys.thread('c1'),
      queryKeys.channels,
      queryKeys.templates,
      queryKeys.broadcasts,
      queryKeys.broadcast('b1'),
    ];
    for (const key of [...kept, queryKeys.members]) client.setQueryData(key, {});
    refreshOnSubscribed(client);
    const isStale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    for (const key of kept) expect(isStale(key), JSON.stringify(key)).toBe(true);
    expect(isStale(queryKeys.members)).toBe(false);
  });

  it('refreshes once the server has subscribed the very first socket, not only after a gap', () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
    const onSubscribed = vi.fn();
    const stop = connectRealtime({ url: 'ws://x/api/realtime', onEvent() {}, onStatus() {}, onSubscribed });
    const socket = FakeSocket.last as FakeSocket;
    // Open is not enough: a message stored between the page's fetch and the subscription is lost.
    socket.serverOpens();
    expect(onSubscribed).not.toHaveBeenCalled();
    socket.serverSends({ type: 'hello' });
    expect(onSubscribed).toHaveBeenCalledTimes(1);
    stop();
  });

  it('says the session ended when the server closes the socket with 4401, not on a dropped connection', () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
    const closedWith = (code: number) => {
      const onSessionEnded = vi.fn();
      const stop = connectRealtime({
        url: 'ws://x/api/realtime',
        onEvent() {},
        onStatus() {},
        onSubscribed() {},
        onSessionEnded,
      });
      const socket = FakeSocket.last as FakeSocket;
      socket.serverOpens();
      socket.onclose?.({ code });
      stop();
      return onSessionEnded.mock.calls.length;
    };
    expect(closedWith(1006)).toBe(0);
    expect(closedWith(4401)).toBe(1);
  });
});
