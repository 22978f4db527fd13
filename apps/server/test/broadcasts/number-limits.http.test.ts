import type { NumberLimits } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedPromo, broadcastsApi, seedContacts } from './broadcast-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ simulator: { pairRateLimit: false } });
  await seedContacts(t, 20, { prefix: '34655', tag: 'limite' });
}, 60_000);
afterAll(() => t?.close());

async function limits(): Promise<NumberLimits> {
  const res = await broadcastsApi(t).call('GET', `/api/broadcasts/channels/${t.sandbox.id}/limits`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe("a number's limits", () => {
  it('reads the tier, the throughput and the pace from WhatsApp and the number settings', async () => {
    expect(await limits()).toMatchObject({
      channelId: t.sandbox.id,
      tier: 'TIER_UNLIMITED',
      allowance: null,
      remaining: null,
      throughput: 80,
      ratePerSecond: 80,
      effectiveRatePerSecond: 80,
    });
    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { messagingLimit: 'TIER_50' });
    expect(await limits()).toMatchObject({ tier: 'TIER_50', allowance: 50, used: 0, remaining: 50 });
  });

  it('counts a broadcast against today’s allowance, and follows a tier upgrade', async () => {
    const template = await approvedPromo(t);
    const api = broadcastsApi(t);
    const res = await api.create({
      name: 'Límite',
      channelId: t.sandbox.id,
      templateId: template.id,
      audience: { kind: 'filters', filters: { tags: ['limite'] } },
      variables: {
        header: null,
        headerMediaId: null,
        buttons: {},
        body: { first_name: { source: 'text', value: 'hola' } },
      },
      scheduledAt: null,
      action: 'send_now',
    });
    expect(res.statusCode).toBe(201);
    await api.until(res.json().id, (b) => b.status === 'completed', 'the broadcast to complete');
    expect(await limits()).toMatchObject({ tier: 'TIER_50', allowance: 50, used: 20, remaining: 30 });

    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { messagingLimit: 'TIER_250', throughput: 'HIGH' });
    expect(await limits()).toMatchObject({
      tier: 'TIER_250',
      allowance: 250,
      used: 20,
      remaining: 230,
      throughput: 1000,
    });
  });

  it('shows the pace set for the number, capped by the throughput', async () => {
    const api = broadcastsApi(t);
    await api.call('PUT', `/api/broadcasts/channels/${t.sandbox.id}/rate`, { ratePerSecond: 500 });
    expect(await limits()).toMatchObject({
      throughput: 1000,
      ratePerSecond: 500,
      effectiveRatePerSecond: 500,
    });
    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { throughput: 'STANDARD' });
    expect(await limits()).toMatchObject({ throughput: 80, ratePerSecond: 500, effectiveRatePerSecond: 80 });
  });

  it('answers 404 for a number that is not one of the workspace', async () => {
    const res = await broadcastsApi(t).call(
      'GET',
      '/api/broadcasts/channels/00000000-0000-4000-8000-000000000000/limits',
    );
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('channel_not_found');
  });
});
