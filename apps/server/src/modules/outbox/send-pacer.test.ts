import { describe, expect, it } from 'vitest';
import { SendPacer } from './send-pacer';

/**
 * Drives the pacer on a fake clock, as fast as it allows. Each send is answered `latency(i)` ms
 * after it starts and reaches "Meta" at a random moment in between (the worst case the guard
 * must survive). Returns start and arrival times.
 */
function run(
  rate: number,
  sends: number,
  opts: { stalls?: Record<number, number>; latency?: (i: number) => number; seed?: number } = {},
) {
  let t = 0;
  let seed = opts.seed ?? 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const stalls = { ...opts.stalls };
  const latency = opts.latency ?? (() => 3);
  const pacer = new SendPacer(rate, () => t);
  const starts: number[] = [];
  const arrivals: number[] = [];
  const answers: { at: number }[] = [];
  while (starts.length < sends) {
    const stall = stalls[starts.length];
    if (stall) {
      t += stall;
      delete stalls[starts.length];
    }
    // Deliver the answers that are due (in time order).
    answers.sort((a, b) => a.at - b.at);
    while (answers.length > 0 && answers[0]!.at <= t) {
      answers.shift();
      pacer.finished();
    }
    const wait = pacer.delay();
    if (wait > 0) t += Math.min(wait, 1);
    else {
      pacer.take();
      const l = latency(starts.length);
      starts.push(t);
      arrivals.push(t + random() * l);
      answers.push({ at: t + l });
    }
  }
  return { starts, arrivals: arrivals.sort((a, b) => a - b) };
}

function maxInAnySecond(times: number[]): number {
  let max = 0;
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('SendPacer', () => {
  it('never lets one second hold more than the cap, and keeps close to it', () => {
    const { starts, arrivals } = run(80, 800);
    expect(maxInAnySecond(arrivals)).toBeLessThanOrEqual(80);
    // 800 sends at 80/s ideally take 10 s; the pacer's margin costs at most a few percent.
    expect(starts.at(-1)! - starts[0]!).toBeLessThan(10_000 * 1.04);
  });

  it('does not burst to catch up after the process stalled', () => {
    const { starts, arrivals } = run(80, 400, { stalls: { 100: 3_000 } });
    expect(maxInAnySecond(arrivals)).toBeLessThanOrEqual(80);
    const after = starts.filter((x) => x >= starts[100]! && x < starts[100]! + 100);
    expect(after.length).toBeLessThanOrEqual(30);
  });

  it('holds the cap at Meta even when answers stall for hundreds of milliseconds', () => {
    // Every 50th request hangs 400 ms: whatever reached Meta late must not pack a window.
    const { starts, arrivals } = run(80, 1_600, { latency: (i) => (i % 50 < 5 ? 400 : 5) });
    expect(maxInAnySecond(arrivals)).toBeLessThanOrEqual(80);
    expect(starts.at(-1)! - starts[0]!).toBeLessThan(20_000 * 1.05);
  });

  it('reaches high rates', () => {
    const { starts, arrivals } = run(1000, 5000, { latency: () => 20 });
    expect(maxInAnySecond(arrivals)).toBeLessThanOrEqual(1000);
    expect(starts.at(-1)! - starts[0]!).toBeLessThan(5_000 * 1.04);
  });
});

describe('SendPacer priority', () => {
  it('gives a conversational send the next slot ahead of every waiting bulk send', async () => {
    const pacer = new SendPacer(200);
    const order: string[] = [];
    // A broadcast's worth of bulk sends already waiting for slots (5 ms apart at 200/s).
    const bulk = Array.from({ length: 40 }, (_, i) =>
      pacer.acquire().then(() => {
        order.push(`bulk ${i}`);
        pacer.finished();
      }),
    );
    await new Promise((r) => setTimeout(r, 20));
    const urgentAt = order.length;
    await pacer.acquire(() => false, true);
    order.push('reply');
    pacer.finished();
    await Promise.all(bulk);
    // At most a couple of slots already promised went first; the 30-odd bulk sends still waiting did not.
    expect(order.indexOf('reply') - urgentAt).toBeLessThanOrEqual(2);
    expect(order.length).toBe(41);
  });
});
