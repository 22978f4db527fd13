import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildReports } from '../../src/modules/reports';
import { createTestApp, type TestApp } from '../harness/test-app';
import { MIN, PERIOD, requestAs, type Seeded, seedReports } from './report-seed';

let t: TestApp;
let s: Seeded;
const owner = requestAs(
  () => t,
  () => t.cookie,
);
beforeAll(async () => {
  t = await createTestApp();
  s = await seedReports(t);
});
afterAll(() => t?.close());

const refresh = async () => expect((await owner('POST', '/api/reports/refresh')).statusCode).toBe(200);
/** Every figure the pages show, without when they were refreshed. */
const reports = async () => {
  const out: Record<string, unknown> = {};
  for (const url of [
    `/api/reports/performance?${PERIOD}&tz=Europe/Madrid`,
    `/api/reports/performance?${PERIOD}&tz=Europe/Madrid&time=calendar`,
    `/api/reports/performance?${PERIOD}&tz=UTC&teamId=${s.teamId}`,
    `/api/reports/volume?${PERIOD}&tz=America/Mexico_City`,
  ]) {
    const res = await owner('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    const { refreshedAt: _, ...figures } = res.json();
    out[url] = figures;
  }
  return out;
};

describe('rebuilding the reports', () => {
  it('gives the same figures as refreshing after each change', async () => {
    // The dataset of report-seed.ts, one conversation at a time, refreshed after each.
    for (const step of s.steps) {
      await step();
      await refresh();
    }
    // Then Carlos takes Pedro's conversation and answers him Thu 09:00, inside his window (open
    // until Thu 20:00): a new message and event in a conversation the reports already hold.
    const [pedro] = await t.container.db.query<{ id: string }>(
      "SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = '34600000003'",
    );
    await t.container.db.query(
      `INSERT INTO conversation_events (workspace_id, conversation_id, kind, from_value, to_value, occurred_at)
       VALUES ($1, $2, 'assignee', NULL, $3, '2026-02-05T08:55:00+01:00')`,
      [s.workspaceId, pedro!.id, s.carlos.userId],
    );
    await t.container.db.query(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, external_id, status,
                             sender_user_id, occurred_at)
       VALUES ($1, $2, $3, 'outbound', 'text', 'Buenos días', 'wamid.seed-late', 'read', $4, '2026-02-05T09:00:00+01:00')`,
      [s.workspaceId, pedro!.id, t.sandbox.id, s.carlos.userId],
    );
    await refresh();
    const incremental = await reports();

    const totals = (
      incremental[`/api/reports/performance?${PERIOD}&tz=Europe/Madrid`] as {
        totals: Record<string, unknown>;
      }
    ).totals;
    // Pedro's cycle D now has a response (Wed 20:00 → Thu 09:00 holds 0 business hours until 09:00:
    // 0 min), so it expired (Thu 20:00, unresolved) but is no longer missed: first responses
    // 0, 10, 15, 30, 60 min, median 15.
    expect(totals).toMatchObject({
      expired: 2,
      missed: 0,
      handled: 5,
      messagesSent: 5,
      firstResponse: { count: 5, medianMs: 15 * MIN },
    });

    await rebuildReports(t.container.reports);
    expect(await reports()).toEqual(incremental);
    const [cycles] = await t.container.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM conversation_cycles',
    );
    // A, B, C, D, E, F and P.
    expect(cycles!.n).toBe(7);
  });
});
