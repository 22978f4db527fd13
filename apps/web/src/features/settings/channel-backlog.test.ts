import type { ChannelBacklog } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { ageParts, summariseBacklog } from './channel-backlog';

const now = new Date('2025-06-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const backlog = (b: Partial<ChannelBacklog>): ChannelBacklog => ({
  queued: 0,
  inDoubt: 0,
  oldestQueuedAt: null,
  failedLastHour: 0,
  lastError: null,
  ...b,
});

describe('summariseBacklog', () => {
  it('says nothing while messages are just leaving', () => {
    expect(summariseBacklog(null, now)).toBeNull();
    expect(summariseBacklog(backlog({ queued: 3, oldestQueuedAt: ago(4_000) }), now)).toBeNull();
  });

  it('counts queued and in-doubt messages once the oldest waited more than 10 s', () => {
    expect(summariseBacklog(backlog({ queued: 10, inDoubt: 2, oldestQueuedAt: ago(120_000) }), now)).toEqual({
      waiting: 12,
      oldestAgeMs: 120_000,
      failedLastHour: 0,
      lastError: null,
    });
  });

  it('shows failures of the last hour even with nothing waiting', () => {
    const lastError = { code: 131026, reason: 'Undeliverable.', at: ago(60_000) };
    expect(summariseBacklog(backlog({ failedLastHour: 2, lastError }), now)).toMatchObject({
      waiting: 0,
      failedLastHour: 2,
      lastError,
    });
  });
});

describe('ageParts', () => {
  it.each([
    [0, { n: 0, unit: 'seconds' }],
    [59_999, { n: 59, unit: 'seconds' }],
    [150_000, { n: 2, unit: 'minutes' }],
    [3 * 3_600_000 + 5_000, { n: 3, unit: 'hours' }],
  ])('%i ms', (ms, parts) => expect(ageParts(ms)).toEqual(parts));
});
