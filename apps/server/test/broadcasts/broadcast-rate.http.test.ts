import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedPromo, broadcastsApi, promoVariables, seedContacts } from './broadcast-fixtures';

const N = 1_000;
const CAP = 80;

let t: TestApp;
beforeAll(async () => {
  // The simulator enforces Meta's 80 msg/s too: a send over the cap would come back as 130429.
  t = await createTestApp({ simulator: { mps: CAP, pairRateLimit: false } });
  t.simulator.setBehaviour(t.sandbox.phoneNumberId, { batch: { maxUpdates: 100, windowMs: 100 } });
  await seedContacts(t, N, { prefix: '34644', tag: 'ritmo' });
}, 60_000);
afterAll(() => t?.close());

// A timing test runs once: on PostgreSQL when the suite has it (the production set-up), else on
// PGlite, whose queries run on the same event loop as the sender and the in-process simulator.
const runsElsewhere = process.env.CHARLA_TEST_DB_KIND === 'pglite' && !!process.env.CHARLA_TEST_DATABASE_URL;

describe.skipIf(runsElsewhere)('a broadcast at the number’s pace', () => {
  it('never puts more than 80 sends in any second, and takes at most 5% longer than N/80 s', async () => {
    const template = await approvedPromo(t);
    const api = broadcastsApi(t);
    const res = await api.create({
      name: 'Ritmo',
      channelId: t.sandbox.id,
      templateId: template.id,
      audience: { kind: 'filters', filters: { tags: ['ritmo'] } },
      variables: promoVariables({ text: 'hola' }),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(res.json().ratePerSecond).toBe(CAP);
    const done = await api.until(
      res.json().id,
      (b) => b.status === 'completed',
      'the broadcast to complete',
      60_000,
      // Counting a broadcast is real work: a poll every 25 ms would be the test's own load.
      500,
    );
    expect(done.counts).toMatchObject({ total: N, sent: N, failed: 0 });

    const times = t.simulator
      .acceptedSends({ phoneNumberId: t.sandbox.phoneNumberId })
      .filter((s) => s.type === 'template')
      .map((s) => s.atMs);
    expect(times).toHaveLength(N);
    // The busiest one-second window, sliding over every send.
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1_000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(busiest).toBeLessThanOrEqual(CAP);
    const tookMs = times.at(-1)! - times[0]!;
    console.log(
      `rate test: ${N} sends in ${tookMs} ms (ideal ${(N / CAP) * 1000} ms), busiest second ${busiest}`,
    );
    expect(tookMs).toBeLessThanOrEqual((N / CAP) * 1_000 * 1.05);
    // Nothing was refused for going too fast (130429 is logged as a non-200 send).
    const refused = t.simulator.sends(t.sandbox.phoneNumberId).filter((s) => s.responseStatus !== 200);
    expect(refused).toEqual([]);
  }, 90_000);
});
