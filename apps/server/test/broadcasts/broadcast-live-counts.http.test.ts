import type { BroadcastCounts, BroadcastRecipient, BroadcastRecipientList } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedPromo, broadcastsApi, promoVariables, seedContacts } from './broadcast-fixtures';

// Meta reports `delivered` 1.5 s after each send: a broadcast of 60 at 10 per second is still
// sending while the first ones turn delivered, and has completed before the last ones do.
let t: TestApp;
let templateId: string;
beforeAll(async () => {
  t = await createTestApp({ simulator: { statusDelaysMs: { sent: 10, delivered: 1_500 } } });
  templateId = (await approvedPromo(t)).id;
  await seedContacts(t, 60, { tag: 'live', prefix: '34611' });
  const rate = await broadcastsApi(t).call('PUT', `/api/broadcasts/channels/${t.sandbox.id}/rate`, {
    ratePerSecond: 10,
  });
  expect(rate.statusCode).toBe(200);
}, 60_000);
afterAll(() => t?.close());

const sendNow = async (name: string) => {
  const res = await broadcastsApi(t).create({
    name,
    channelId: t.sandbox.id,
    templateId,
    audience: { kind: 'filters', filters: { tags: ['live'] } },
    variables: promoVariables(),
    scheduledAt: null,
    action: 'send_now',
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
};

/** The funnel as the rows show it: each step counts the later ones (a read message was delivered). */
function countsOfRows(rows: BroadcastRecipient[]) {
  const n = (...states: BroadcastRecipient['state'][]) => rows.filter((r) => states.includes(r.state)).length;
  return {
    total: rows.length,
    queued: n('queued'),
    sent: n('sent', 'delivered', 'read', 'replied'),
    delivered: n('delivered', 'read', 'replied'),
    read: n('read', 'replied'),
    replied: n('replied'),
    failed: n('failed'),
    limited: n('limited'),
    skipped: n('skipped'),
  };
}

const pick = (c: BroadcastCounts) => ({
  total: c.total,
  queued: c.queued,
  sent: c.sent,
  delivered: c.delivered,
  read: c.read,
  replied: c.replied,
  failed: c.failed,
  limited: c.limited,
  skipped: c.skipped,
});

describe('a broadcast page’s figures and rows', () => {
  it('agree at every moment while it sends and while the deliveries come in', async () => {
    const id = await sendNow('Cifras en vivo');
    const api = broadcastsApi(t);
    const seen: ReturnType<typeof countsOfRows>[] = [];
    await t.waitFor(
      async () => {
        const res = await api.call('GET', `/api/broadcasts/${id}/recipients?limit=200`);
        expect(res.statusCode).toBe(200);
        const page = res.json() as BroadcastRecipientList;
        expect(page.counts, 'the first page carries the counts').not.toBeNull();
        const fromRows = countsOfRows(page.items);
        expect(pick(page.counts!)).toEqual(fromRows);
        seen.push(fromRows);
        return fromRows.total === 60 && fromRows.delivered === 60;
      },
      'every recipient delivered',
      30_000,
      50,
    );
    // It was watched moving: some sent and not delivered yet, some delivered while others queued.
    expect(seen.some((c) => c.sent > c.delivered && c.delivered > 0)).toBe(true);
    expect(seen.some((c) => c.queued > 0 && c.delivered > 0)).toBe(true);
    // A later page carries no counts: only the first is read with them.
    const later = (await api.call('GET', `/api/broadcasts/${id}/recipients?limit=10&cursor=1`)).json();
    expect(later.counts).toBeNull();
  });

  it('are announced live when the deliveries arrive after the broadcast completed', async () => {
    const events: { type: string; broadcastId?: string; status?: string; counts?: BroadcastCounts }[] = [];
    const unsubscribe = t.container.bus.subscribe((e) => events.push(e as never));
    try {
      const id = await sendNow('Entregas tardías');
      const mine = () => events.filter((e) => e.type === 'broadcast.updated' && e.broadcastId === id);
      await t.waitFor(
        async () => mine().some((e) => e.status === 'completed'),
        'the broadcast announced as completed',
        20_000,
      );
      // Completed with most deliveries still on their way...
      const completedAt = mine().find((e) => e.status === 'completed')!;
      expect(completedAt.counts!.delivered).toBeLessThan(60);
      // ...and each later delivery is announced without anyone asking: the last announcement has them all.
      await t.waitFor(
        async () => mine().some((e) => e.status === 'completed' && e.counts?.delivered === 60),
        'an announcement with every recipient delivered',
        20_000,
      );
    } finally {
      unsubscribe();
    }
  });
});
