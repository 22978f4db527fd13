import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricSeries, scrapeMetrics, waitForMetrics } from '../harness/metrics';
import { inboundTextWebhook } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

// What an operator graphs and alerts on at /metrics besides the sends (number-health.http.test.ts):
// the ingest's backlog and lag, background jobs waiting, automation's backlog, outgoing
// webhooks' failures, and every HTTP answer's time by route.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { METRICS_TOKEN: 'prometheus-scrape-token' } });
});
afterAll(() => t?.close());

const scrape = () => scrapeMetrics(t);
const series = metricSeries;

describe('/metrics for operations', () => {
  it('shows webhooks acknowledged but not yet applied, and how long the oldest has waited, back to 0 once applied', async () => {
    expect(series(await scrape(), 'charla_ingest_backlog')).toBe(0);
    expect(series(await scrape(), 'charla_ingest_lag_seconds')).toBe(0);
    await t.container.ingestWorker.stop();
    for (const i of [1, 2, 3]) {
      const res = await t.postWebhook(
        inboundTextWebhook({
          phoneNumberId: t.sandbox.phoneNumberId,
          from: `52155123400${i}`,
          text: `Hola ${i}`,
        }),
      );
      expect(res.statusCode).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 1_100));
    const stuck = await scrape();
    expect(series(stuck, 'charla_ingest_backlog')).toBe(3);
    expect(series(stuck, 'charla_ingest_lag_seconds')).toBeGreaterThanOrEqual(1);
    t.container.ingestWorker.start();
    await waitForMetrics(t, (text) => series(text, 'charla_ingest_backlog') === 0, 'the backlog to drain');
    expect(series(await scrape(), 'charla_ingest_lag_seconds')).toBe(0);
  });

  it('counts outgoing webhook tries that failed, and the deliveries still waiting for a retry', async () => {
    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: { cookie: t.cookie },
      payload: { url: 'http://10.9.8.7:8080/hook', events: ['message.received'] },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const before = series(await scrape(), 'charla_webhook_attempts_total', { outcome: 'failed' }) ?? 0;
    await t.app.inject({
      method: 'POST',
      url: `/api/webhooks/${sub.json().id}/test`,
      headers: { cookie: t.cookie },
    });
    await waitForMetrics(
      t,
      (text) => (series(text, 'charla_webhook_attempts_total', { outcome: 'failed' }) ?? 0) > before,
      'the refused try to be counted',
    );
    expect(series(await scrape(), 'charla_webhook_deliveries_pending')).toBeGreaterThanOrEqual(1);
  });

  it('times every answer by route pattern and status class, and gives the job and automation backlogs', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/conversations',
      headers: { cookie: t.cookie },
    });
    expect(list.statusCode).toBe(200);
    await t.app.inject({ method: 'GET', url: '/api/no-such-thing/123', headers: { cookie: t.cookie } });
    const text = await scrape();
    expect(
      series(text, 'charla_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/conversations',
        status: '2xx',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      series(text, 'charla_http_request_duration_seconds_count', {
        method: 'GET',
        route: 'unmatched',
        status: '4xx',
      }),
    ).toBeGreaterThanOrEqual(1);
    // Ids never become labels: the route is the pattern.
    expect(text).not.toMatch(/route="\/api\/no-such-thing\/123"/);
    expect(series(text, 'charla_automation_backlog')).toBe(0);
    expect(text).toMatch(/# HELP charla_jobs_queued /);
    // The event loop's delay comes with the process metrics.
    expect(series(text, 'nodejs_eventloop_lag_seconds')).not.toBeNull();
  });
});
