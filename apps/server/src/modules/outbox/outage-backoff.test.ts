import { describe, expect, it } from 'vitest';
import { OutageBackoff, outageSignal } from './outage-backoff';
import type { SendOutcome } from './send-outcome';

const down: SendOutcome = {
  kind: 'retry',
  id: 1,
  code: 131016,
  reason: 'WhatsApp is temporarily unavailable.',
};
const unreachable: SendOutcome = { kind: 'retry', id: 1, code: null, reason: 'Could not reach WhatsApp.' };
const sent: SendOutcome = { kind: 'sent', id: 1, wamid: 'wamid.A', at: new Date(0) };
const pairRate: SendOutcome = { kind: 'retry', id: 1, code: 131056, reason: 'Too many to this customer.' };
const badNumber: SendOutcome = { kind: 'failed', id: 1, code: 131026, reason: 'Undeliverable.' };

function setUp() {
  const clock = { ms: 1_000_000 };
  const backoff = new OutageBackoff(() => new Date(clock.ms), {
    trips: 3,
    firstDelayMs: 2_000,
    maxDelayMs: 8_000,
  });
  return { clock, backoff };
}

describe('OutageBackoff', () => {
  it('tells WhatsApp failing for everyone from an answer about one message or one customer', () => {
    expect(outageSignal(down)).toBe('failing');
    expect(outageSignal(unreachable)).toBe('failing');
    expect(outageSignal({ kind: 'in_doubt', id: 1 })).toBe('failing');
    expect(outageSignal(pairRate)).toBe('answered');
    expect(outageSignal(badNumber)).toBe('answered');
    expect(outageSignal(sent)).toBe('answered');
  });

  it('stops after failures in a row, and the failures after that cost nobody an attempt', () => {
    const { backoff } = setUp();
    expect(backoff.record(down)).toEqual({ counts: true, changed: false });
    expect(backoff.record(down)).toEqual({ counts: true, changed: false });
    expect(backoff.current).toBeNull();
    expect(backoff.record(down)).toEqual({ counts: false, changed: true });
    expect(backoff.current).toMatchObject({ code: 131016, retryAt: new Date(1_002_000) });
    expect(backoff.record(unreachable)).toEqual({ counts: false, changed: false });
    expect(backoff.isStopped()).toBe(true);
  });

  it('does not stop for failures that an answer interrupts', () => {
    const { backoff } = setUp();
    for (let i = 0; i < 10; i++) {
      backoff.record(down);
      backoff.record(down);
      backoff.record(i % 2 ? sent : badNumber);
    }
    expect(backoff.current).toBeNull();
  });

  it('lets one probe go at the retry time, doubles the wait while it fails, and goes on after an answer', async () => {
    const { clock, backoff } = setUp();
    for (let i = 0; i < 3; i++) backoff.record(down);
    const halted = { value: false };
    const waiting = backoff.admit(() => halted.value);
    clock.ms += 2_000;
    expect(await waiting).toBe('probe');
    // Only one probe at a time: the next waits.
    const next = backoff.admit(() => halted.value);
    expect(backoff.record(down)).toEqual({ counts: false, changed: true });
    expect(backoff.current?.retryAt).toEqual(new Date(clock.ms + 4_000));
    clock.ms += 4_000;
    expect(await next).toBe('probe');
    backoff.record(down);
    expect(backoff.current?.retryAt).toEqual(new Date(clock.ms + 8_000));
    clock.ms += 8_000;
    expect(await backoff.admit(() => false)).toBe('probe');
    backoff.record(down);
    // At most maxDelayMs between probes.
    expect(backoff.current?.retryAt).toEqual(new Date(clock.ms + 8_000));
    expect(backoff.current?.since).toEqual(new Date(1_000_000));
    clock.ms += 8_000;
    expect(await backoff.admit(() => false)).toBe('probe');
    expect(backoff.record(sent)).toEqual({ counts: true, changed: true });
    expect(backoff.current).toBeNull();
    expect(await backoff.admit(() => false)).toBe('normal');
  });

  it('gives up waiting when the sender halts, and a probe that never left lets another go', async () => {
    const { clock, backoff } = setUp();
    for (let i = 0; i < 3; i++) backoff.record(down);
    const halted = { value: false };
    const waiting = backoff.admit(() => halted.value);
    halted.value = true;
    expect(await waiting).toBeNull();
    clock.ms += 2_000;
    expect(await backoff.admit(() => false)).toBe('probe');
    backoff.probeNotSent();
    expect(await backoff.admit(() => false)).toBe('probe');
  });
});
