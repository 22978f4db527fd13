import { describe, expect, it } from 'vitest';
import { type Bucket, bucketStats, spansOf, splitPeriod } from './report-histograms';

/** report_bucket of migration 0043, for the tests only. */
const bucketOf = (ms: number) => (ms <= 0 ? 0 : 1 + Math.floor(Math.log(ms) / Math.log(1.05)));

/** percentile_cont over the values themselves. */
const exact = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  return sorted[lo]! + (pos - lo) * (sorted[Math.ceil(pos)]! - sorted[lo]!);
};

const histogramOf = (values: number[]): Bucket[] => {
  const buckets = new Map<number, Bucket>();
  for (const v of values) {
    const b = buckets.get(bucketOf(v)) ?? { bucket: bucketOf(v), n: 0, total: 0 };
    b.n++;
    b.total += v;
    buckets.set(b.bucket, b);
  }
  return [...buckets.values()];
};

describe('spansOf', () => {
  it('covers every day once, with aligned spans of at most 64 days', () => {
    for (const [from, to] of [
      [20_000, 20_090],
      [20_001, 20_031],
      [20_479, 20_480],
      [19_999, 20_400],
    ] as const) {
      const spans = spansOf(from, to);
      const days = spans.flatMap((s) =>
        Array.from({ length: 2 ** s.level }, (_, i) => s.block * 2 ** s.level + i),
      );
      expect(days).toEqual(Array.from({ length: to - from }, (_, i) => from + i));
      expect(spans.every((s) => s.level <= 6 && Number.isInteger(s.block))).toBe(true);
      expect(spans.length).toBeLessThanOrEqual(2 * 6 + Math.ceil((to - from) / 64));
    }
  });
});

describe('splitPeriod', () => {
  it('keeps the hours before the first and after the last whole UTC day, and from now on', () => {
    // Madrid's 2026-02-02 to 2026-02-08: 2026-02-01 23:00 UTC to 2026-02-08 23:00 UTC.
    const start = new Date('2026-02-01T23:00:00Z');
    const end = new Date('2026-02-08T23:00:00Z');
    const later = splitPeriod(start, end, new Date('2026-03-01T00:00:00Z'));
    expect(later.edges.map((d) => d.toISOString())).toEqual([
      '2026-02-01T23:00:00.000Z',
      '2026-02-02T00:00:00.000Z',
      '2026-02-08T00:00:00.000Z',
      '2026-02-08T23:00:00.000Z',
    ]);
    expect(later.spans.reduce((n, s) => n + 2 ** s.level, 0)).toBe(6);
    const during = splitPeriod(start, end, new Date('2026-02-05T12:00:00Z'));
    expect(during.edges[2].toISOString()).toBe('2026-02-05T00:00:00.000Z');
    const today = splitPeriod(start, end, new Date('2026-02-02T12:00:00Z'));
    expect(today).toEqual({ spans: [], edges: [start, end, end, end] });
  });
});

describe('bucketStats', () => {
  it('gives exact percentiles when the facts of a bucket are equal', () => {
    const values = [0, 0, 10 * 60_000, 15 * 60_000, 30 * 60_000, 60 * 60_000];
    expect(bucketStats(histogramOf(values))).toEqual({
      count: 6,
      medianMs: exact(values, 0.5),
      p90Ms: exact(values, 0.9),
    });
  });

  it('is within 5% of percentile_cont otherwise, and counts facts with no duration', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let round = 0; round < 50; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 400) }, () =>
        Math.round(Math.exp(random() * 16)),
      );
      const stats = bucketStats([...histogramOf(values), { bucket: -1, n: 3, total: 0 }]);
      expect(stats.count).toBe(values.length + 3);
      for (const [p, got] of [
        [0.5, stats.medianMs],
        [0.9, stats.p90Ms],
      ] as const) {
        const want = exact(values, p);
        expect(Math.abs(got! - want)).toBeLessThanOrEqual(want * 0.05 + 1);
      }
    }
  });

  it('has no percentiles without durations', () => {
    expect(bucketStats([{ bucket: -1, n: 2, total: 0 }])).toEqual({ count: 2, medianMs: null, p90Ms: null });
  });
});
