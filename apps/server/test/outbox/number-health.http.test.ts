import type { Channel } from '@charla/contracts';
import { WHATSAPP_ERRORS } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPromo, broadcastsApi, promoVariables, seedContacts } from '../broadcasts/broadcast-fixtures';
import { metricSeries, scrapeMetrics, waitForMetrics } from '../harness/metrics';
import { apiOf, openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';

// An operator sees each number's queue, send latency and errors at /metrics; an admin sees a
// backlogged number on its card in Settings (GET /api/channels).

let t: TestApp;
let api: ReturnType<typeof apiOf>;
beforeAll(async () => {
  t = await createTestApp({ config: { METRICS_TOKEN: 'prometheus-scrape-token' } });
  api = apiOf(t);
}, 60_000);
afterAll(() => t?.close());

const scrape = () => scrapeMetrics(t);
/** The value of one series, labels in any order; 0 when the series is absent. */
const seriesValue = (text: string, name: string, labels: Record<string, string>) =>
  metricSeries(text, name, labels) ?? 0;

async function sendText(conversationId: string, text: string): Promise<string> {
  const res = await api.call('POST', `/api/conversations/${conversationId}/messages`, { text });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().id as string;
}

const isOut = (status: string | null | undefined) =>
  ['accepted', 'sent', 'delivered', 'read'].includes(status ?? '');

async function sandboxCard(): Promise<Channel> {
  const res = await api.call('GET', '/api/channels');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Channel[]).find((c) => c.id === t.sandbox.id)!;
}

describe('/metrics per number', () => {
  it('counts sent replies and their latency, and shows the queue while WhatsApp refuses sends', async () => {
    const number = { phone_number_id: t.sandbox.phoneNumberId, kind: 'message' };
    const conv = await openConversation(t, '5215544440001');
    const ids = [];
    for (const text of ['Hola Ana', '¿En qué te ayudo?', 'Tu pedido sale hoy'])
      ids.push(await sendText(conv.id, text));
    for (const id of ids)
      await t.waitFor(async () => isOut((await api.message(conv.id, id))?.status), 'the reply to go out');

    const sent = await waitForMetrics(
      t,
      (text) => seriesValue(text, 'charla_sends_total', { ...number, outcome: 'sent' }) >= 3,
      'the sent counter',
    );
    expect(seriesValue(sent, 'charla_sends_total', { ...number, outcome: 'sent', error_code: '' })).toBe(3);
    expect(seriesValue(sent, 'charla_send_latency_seconds_count', number)).toBe(3);
    expect(seriesValue(sent, 'charla_send_latency_seconds_bucket', { ...number, le: '60' })).toBe(3);
    expect(seriesValue(sent, 'charla_send_latency_seconds_sum', number)).toBeGreaterThan(0);
    expect(seriesValue(sent, 'charla_outbox_queued', number)).toBe(0);
    expect(sent).toMatch(/^charla_outbox_queued\{phone_number_id="\d+",kind="message"\} 0$/m);
    expect(sent).toContain('process_resident_memory_bytes');
    expect((await sandboxCard()).backlog).toBeNull();

    // WhatsApp is down for this number: the replies wait in the queue and the card says so.
    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { outage: '131016' });
    const waiting = [await sendText(conv.id, '¿Sigues ahí?'), await sendText(conv.id, 'Te escribo luego')];
    const down = await waitForMetrics(
      t,
      (text) =>
        seriesValue(text, 'charla_sends_total', { ...number, outcome: 'retried', error_code: '131016' }) >=
          1 && seriesValue(text, 'charla_outbox_queued', number) === 2,
      'the queue to show the waiting replies',
    );
    expect(seriesValue(down, 'charla_outbox_oldest_queued_seconds', number)).toBeGreaterThanOrEqual(0);
    const card = await sandboxCard();
    expect(card.backlog).toMatchObject({ queued: 2, inDoubt: 0, failedLastHour: 0, lastError: null });
    expect(Date.parse(card.backlog!.oldestQueuedAt!)).toBeLessThanOrEqual(Date.now());

    // Back up: the retries go out and the queue reads 0 again.
    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { outage: null });
    t.clock.advance(60_000);
    for (const id of waiting)
      await t.waitFor(
        async () => isOut((await api.message(conv.id, id))?.status),
        'the retried reply to go out',
        30_000,
      );
    const up = await waitForMetrics(
      t,
      (text) => seriesValue(text, 'charla_sends_total', { ...number, outcome: 'sent' }) === 5,
      'the retried replies counted as sent',
    );
    expect(seriesValue(up, 'charla_outbox_queued', number)).toBe(0);
    expect(seriesValue(up, 'charla_outbox_in_doubt', number)).toBe(0);
    expect(seriesValue(up, 'charla_send_latency_seconds_count', number)).toBe(5);
    expect((await sandboxCard()).backlog).toBeNull();
  }, 60_000);

  it('counts a message WhatsApp refuses for good as failed with its code, and the card shows failures for an hour', async () => {
    const number = { phone_number_id: t.sandbox.phoneNumberId, kind: 'message' };
    // WhatsApp takes this one, then reports it failed (a status webhook): a send, failed later.
    const unreachable = '5215544440002';
    const conv = await openConversation(t, unreachable);
    t.simulator.setCustomer(t.sandbox.phoneNumberId, unreachable, { reachable: false });
    const lost = await sendText(conv.id, '¿Recibiste tu pedido?');
    await t.waitFor(
      async () => (await api.message(conv.id, lost))?.status === 'failed',
      'the message to fail',
    );
    expect((await sandboxCard()).backlog).toMatchObject({
      queued: 0,
      inDoubt: 0,
      oldestQueuedAt: null,
      failedLastHour: 1,
      lastError: { code: 131026, reason: WHATSAPP_ERRORS[131026]!.en },
    });

    // WhatsApp refuses this one in its answer (the number writing to itself): counted failed.
    const self = (await t.container.directory.byId(t.sandbox.id))!.displayPhoneNumber.replace(/\D/g, '');
    const own = await openConversation(t, self);
    const refused = await sendText(own.id, 'Nota para mí');
    await t.waitFor(async () => (await api.message(own.id, refused))?.status === 'failed', 'the refusal');
    await waitForMetrics(
      t,
      (text) =>
        seriesValue(text, 'charla_sends_total', { ...number, outcome: 'failed', error_code: '131021' }) === 1,
      'the refusal counted with its code',
    );
    const card = await sandboxCard();
    expect(card.backlog).toMatchObject({ failedLastHour: 2, lastError: { code: 131021 } });
    expect(Date.parse(card.backlog!.lastError!.at)).toBe(t.clock.now().getTime());

    t.clock.advance(61 * 60_000);
    expect((await sandboxCard()).backlog).toBeNull();
  }, 30_000);

  it('counts broadcast sends under kind "broadcast"', async () => {
    await seedContacts(t, 4, { prefix: '34677', tag: 'metricas' });
    const template = await approvedPromo(t);
    const broadcasts = broadcastsApi(t);
    const created = await broadcasts.create({
      name: 'Métricas',
      channelId: t.sandbox.id,
      templateId: template.id,
      audience: { kind: 'filters', filters: { tags: ['metricas'] } },
      variables: promoVariables(),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    await broadcasts.until(created.json().id, (b) => b.status === 'completed', 'the broadcast to complete');
    const text = await scrape();
    const broadcast = { phone_number_id: t.sandbox.phoneNumberId, kind: 'broadcast' };
    expect(seriesValue(text, 'charla_sends_total', { ...broadcast, outcome: 'sent', error_code: '' })).toBe(
      4,
    );
    // Broadcasts are not conversational sends: no latency from being queued.
    expect(seriesValue(text, 'charla_send_latency_seconds_count', broadcast)).toBe(0);
  }, 30_000);

  it('is served only to a scraper with METRICS_TOKEN, even on loopback', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(401);
  });
});
