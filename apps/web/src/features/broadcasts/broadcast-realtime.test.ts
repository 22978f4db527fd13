import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../lib/query-keys';
import { applyRealtimeEvent, parseRealtimeFrame } from '../../lib/realtime';
import { broadcastKeys } from './broadcasts.api';

const counts = {
  total: 10,
  excludedOptedOut: 1,
  excludedInvalid: 0,
  excludedNoConsent: 0,
  queued: 4,
  sent: 6,
  delivered: 5,
  read: 1,
  replied: 0,
  failed: 0,
  limited: 0,
  skipped: 0,
};

describe('broadcast.updated over the socket', () => {
  it('is understood, and a frame without an id is dropped', () => {
    const frame = JSON.stringify({ type: 'broadcast.updated', broadcastId: 'b1', status: 'sending', counts });
    expect(parseRealtimeFrame(frame)).toEqual({
      type: 'broadcast.updated',
      broadcastId: 'b1',
      status: 'sending',
      counts,
    });
    expect(
      parseRealtimeFrame(JSON.stringify({ type: 'broadcast.updated', status: 'sending', counts })),
    ).toBeNull();
  });

  it('refreshes the list and that broadcast with its recipients, not the others', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.broadcasts, []);
    client.setQueryData(queryKeys.broadcast('b1'), {});
    client.setQueryData(queryKeys.broadcast('b2'), {});
    client.setQueryData(broadcastKeys.recipients('b1', 'delivered'), {});
    client.setQueryData(broadcastKeys.recipients('b2', ''), {});
    applyRealtimeEvent(client, { type: 'broadcast.updated', broadcastId: 'b1', status: 'sending', counts });
    const isStale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect([
      isStale(queryKeys.broadcasts),
      isStale(queryKeys.broadcast('b1')),
      isStale(queryKeys.broadcast('b2')),
    ]).toEqual([true, true, false]);
    // The figures come with the recipient rows: both are refetched together.
    expect([
      isStale(broadcastKeys.recipients('b1', 'delivered')),
      isStale(broadcastKeys.recipients('b2', '')),
    ]).toEqual([true, false]);
  });
});
