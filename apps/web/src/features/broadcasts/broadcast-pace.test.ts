import type { BroadcastCounts } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import {
  canCancel,
  canPause,
  canResume,
  estimateSendSeconds,
  hasBroadcastStarted,
  planSend,
  pollInterval,
  progressPercent,
  roundDuration,
} from './broadcast-pace';

const counts = (over: Partial<BroadcastCounts>): BroadcastCounts => ({
  total: 0,
  excludedOptedOut: 0,
  excludedInvalid: 0,
  excludedNoConsent: 0,
  queued: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  replied: 0,
  failed: 0,
  limited: 0,
  skipped: 0,
  ...over,
});

describe('send duration', () => {
  it('divides the audience by the rate and rounds up', () => {
    expect(estimateSendSeconds(10_000, 80)).toBe(125);
    expect(estimateSendSeconds(3, 80)).toBe(1);
    expect(estimateSendSeconds(0, 80)).toBe(0);
    expect(estimateSendSeconds(1_000, 0)).toBe(13);
  });

  it('says under a minute, then whole minutes, then hours with one decimal', () => {
    expect(roundDuration(42)).toEqual({ unit: 'underMinute', value: 1 });
    expect(roundDuration(125)).toEqual({ unit: 'minutes', value: 3 });
    expect(roundDuration(100_000 / 80)).toEqual({ unit: 'minutes', value: 21 });
    expect(roundDuration(10_000)).toEqual({ unit: 'hours', value: 2.8 });
  });
});

describe('progress', () => {
  it('counts sent, failed and skipped recipients as handled', () => {
    expect(progressPercent(counts({ total: 200, queued: 150, sent: 40, failed: 10 }), 'sending')).toBe(25);
    expect(progressPercent(counts({ total: 3, queued: 1, sent: 2 }), 'sending')).toBe(66);
  });

  it('is 0 without recipients and 100 once completed', () => {
    expect(progressPercent(counts({}), 'preparing')).toBe(0);
    expect(progressPercent(counts({}), 'completed')).toBe(100);
  });

  it('keeps polling for receipts for half an hour after the last message, then stops', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(pollInterval({ status: 'sending', finishedAt: null }, now)).toBe(2_000);
    expect(pollInterval({ status: 'completed', finishedAt: '2026-12-01T09:50:00Z' }, now)).toBe(10_000);
    expect(pollInterval({ status: 'completed', finishedAt: '2026-12-01T09:00:00Z' }, now)).toBe(false);
    expect(pollInterval({ status: 'draft', finishedAt: null }, now)).toBe(false);
  });

  it('offers pause, resume and cancel only where the server accepts them', () => {
    expect([canPause('sending'), canPause('paused'), canPause('completed')]).toEqual([true, false, false]);
    expect([canResume('paused'), canResume('sending')]).toEqual([true, false]);
    expect([canCancel('scheduled'), canCancel('completed'), canCancel('cancelled')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('whether a broadcast has recipients to show', () => {
  it('is true once sending began, false for drafts and for one cancelled while scheduled', () => {
    expect(hasBroadcastStarted({ status: 'cancelled', startedAt: null })).toBe(false);
    expect(hasBroadcastStarted({ status: 'scheduled', startedAt: null })).toBe(false);
    expect(hasBroadcastStarted({ status: 'cancelled', startedAt: '2026-12-01T09:00:00Z' })).toBe(true);
    expect(hasBroadcastStarted({ status: 'preparing', startedAt: null })).toBe(true);
  });
});

describe('sending within the number limits', () => {
  it('sends everyone now when the allowance covers them, ≈ 21 min for 100,000 at 80/s', () => {
    const plan = planSend(100_000, { remaining: null, effectiveRatePerSecond: 80 });
    expect(plan).toEqual({ now: 100_000, waiting: 0, seconds: 1250 });
    expect(roundDuration(plan.seconds)).toEqual({ unit: 'minutes', value: 21 });
  });

  it('holds back who exceeds what is left of today’s allowance', () => {
    expect(planSend(3_000, { remaining: 1_980, effectiveRatePerSecond: 80 })).toEqual({
      now: 1_980,
      waiting: 1_020,
      seconds: 25,
    });
    expect(planSend(10, { remaining: 0, effectiveRatePerSecond: 80 })).toEqual({
      now: 0,
      waiting: 10,
      seconds: 0,
    });
  });
});
