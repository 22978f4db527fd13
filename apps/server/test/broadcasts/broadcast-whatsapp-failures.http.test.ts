import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import {
  approvedPromo,
  broadcastsApi,
  promoVariables,
  seedContacts,
  templateSends,
} from './broadcast-fixtures';

const N = 40;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { BROADCAST_DEFAULT_RATE_PER_SECOND: '20' } });
  await seedContacts(t, N, { prefix: '34655', tag: 'caida' });
}, 60_000);
afterAll(() => t?.close());

/** Every send WhatsApp refused for this number (the outage's 503s). */
const refused = () =>
  t.simulator.sends(t.sandbox.phoneNumberId).filter((s) => s.responseStatus !== 200).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A broadcast of a freshly approved template to `tag`, sending at 20/s, once 5 have gone out. */
async function sendingBroadcast(name: string, tag: string) {
  const template = await approvedPromo(t);
  const api = broadcastsApi(t);
  const created = await api.create({
    name,
    channelId: t.sandbox.id,
    templateId: template.id,
    audience: { kind: 'filters', filters: { tags: [tag] } },
    variables: promoVariables(),
    scheduledAt: null,
    action: 'send_now',
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  await api.until(id, (b) => b.counts.sent >= 5, 'the first sends');
  return { api, id, template };
}

describe('a broadcast while WhatsApp is down', () => {
  it('stops, shows why, probes with a growing wait, then sends everyone once and fails nobody', async () => {
    const { api, id } = await sendingBroadcast('Caída', 'caida');

    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { outage: '131016' });
    const down = await api.until(id, (b) => b.outage !== null, 'the outage shown on the broadcast');
    expect(down.status).toBe('sending');
    expect(down.outage).toMatchObject({ code: 131016, reason: expect.stringContaining('unavailable') });
    const firstRetry = Date.parse(down.outage!.retryAt);
    expect(firstRetry - Date.parse(down.outage!.since)).toBe(2_000);

    // Stopped: not one more request until the retry time (the clock is the app's, held still).
    // A send already under way when the fifth failure came back may still be answered: let it.
    await sleep(500);
    const refusedWhenStopped = refused();
    expect(refusedWhenStopped).toBeGreaterThanOrEqual(5);
    expect(refusedWhenStopped).toBeLessThan(15);
    await sleep(1_000);
    expect(refused()).toBe(refusedWhenStopped);

    // At the retry time one probe goes, fails, and the next try is twice as far.
    t.clock.advance(2_000);
    const still = await api.until(
      id,
      (b) => b.outage !== null && Date.parse(b.outage.retryAt) > firstRetry,
      'the failed probe to move the retry time',
    );
    expect(Date.parse(still.outage!.retryAt) - t.clock.now().getTime()).toBe(4_000);
    expect(refused()).toBe(refusedWhenStopped + 1);

    // WhatsApp is back: the next probe gets an answer and everyone else follows.
    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { outage: null });
    t.clock.advance(4_000);
    await api.until(id, (b) => b.outage === null, 'the outage notice to clear');
    // The sends that tripped the stop were ordinary retries: their backoff is on the app's clock.
    t.clock.advance(60_000);
    const done = await api.until(id, (b) => b.status === 'completed', 'the broadcast to complete');
    expect(done.counts).toMatchObject({ total: N, sent: N, failed: 0, queued: 0 });
    expect(done.outage).toBeNull();
    const sends = await templateSends(t);
    expect(new Set(sends.map((s) => s.to)).size).toBe(N);
    expect(sends).toHaveLength(N);
  }, 60_000);
});

describe('a template WhatsApp pauses in the middle of a broadcast', () => {
  it('pauses the broadcast with the reason, fails nobody, and sends the rest once after a resume', async () => {
    await seedContacts(t, N, { prefix: '34656', tag: 'plantilla' });
    const { api, id, template } = await sendingBroadcast('Plantilla pausada', 'plantilla');
    const refusedBefore = refused();

    // Low quality: Meta pauses the template and answers every send with 132015.
    t.simulator.setTemplateStatus(template.externalId!, { event: 'PAUSED', title: 'FIRST_PAUSE' });
    const paused = await api.until(id, (b) => b.status === 'paused', 'Charla to pause the broadcast');
    expect(paused.pausedBy).toMatchObject({ code: 132015, reason: expect.stringContaining('paused') });
    await sleep(1_000);
    const stopped = await api.get(id);
    expect(stopped.counts.failed).toBe(0);
    expect(stopped.counts.sent).toBeLessThan(N);
    // One refusal, and whatever was already on its way when it came back (at 20/s the sender
    // keeps at most 14 in flight: channel-sender.ts), instead of one per remaining recipient.
    expect(refused() - refusedBefore).toBeGreaterThanOrEqual(1);
    expect(refused() - refusedBefore).toBeLessThanOrEqual(14);
    expect(refused() - refusedBefore).toBeLessThan(N - stopped.counts.sent);
    const sentWhilePaused = stopped.counts.sent;
    await sleep(500);
    expect((await api.get(id)).counts.sent).toBe(sentWhilePaused);

    // Hours later Meta reinstates it; the admin resumes and the rest go out, nobody twice.
    t.simulator.setTemplateStatus(template.externalId!, { event: 'REINSTATED' });
    const resumed = await api.call('POST', `/api/broadcasts/${id}/resume`);
    expect(resumed.json()).toMatchObject({ status: 'sending', pausedBy: null });
    const done = await api.until(id, (b) => b.status === 'completed', 'the broadcast to complete');
    expect(done.counts).toMatchObject({ total: N, sent: N, failed: 0 });
    const sends = (await templateSends(t)).filter((s) => s.to.startsWith('34656'));
    expect(new Set(sends.map((s) => s.to)).size).toBe(N);
    expect(sends).toHaveLength(N);
  }, 60_000);
});
