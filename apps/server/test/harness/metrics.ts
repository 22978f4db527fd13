import { expect } from 'vitest';
import type { TestApp } from './test-app';

/** The test app's /metrics as Prometheus reads it (the app must have METRICS_TOKEN `token`). */
export async function scrapeMetrics(t: TestApp, token = 'prometheus-scrape-token'): Promise<string> {
  const res = await t.app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.statusCode).toBe(200);
  return res.body;
}

/** The value of one series, labels in any order (a subset is enough), or null when it is absent. */
export function metricSeries(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(match[3]);
  }
  return null;
}

/** Scrapes /metrics until `holds` is true of what it reads; answers that scrape. */
export function waitForMetrics(
  t: TestApp,
  holds: (text: string) => boolean,
  what: string,
  timeoutMs?: number,
): Promise<string> {
  return t.waitFor(
    async () => {
      const text = await scrapeMetrics(t);
      return holds(text) && text;
    },
    what,
    timeoutMs,
  );
}
