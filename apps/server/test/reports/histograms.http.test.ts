import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresOf } from '../../src/modules/reports/performance-figures';
import { rebuildHistograms } from '../../src/modules/reports/report-histograms';
import { createTestApp, type TestApp } from '../harness/test-app';
import { requestAs, type Seeded, seedReports } from './report-seed';

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

const conversationOf = async (waId: string) => {
  const [row] = await t.container.db.query<{ id: string }>(
    'SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = $1 ORDER BY c.created_at LIMIT 1',
    [waId],
  );
  return row!.id;
};
const event = (
  conversationId: string,
  kind: 'status' | 'assignee',
  from: string | null,
  to: string,
  at: string,
) =>
  t.container.db.query(
    `INSERT INTO conversation_events (workspace_id, conversation_id, kind, from_value, to_value, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.workspaceId, conversationId, kind, from, to, at],
  );
let wamid = 0;
const message = (conversationId: string, direction: 'inbound' | 'outbound', at: string, sender?: string) =>
  t.container.db.query(
    `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, external_id, status,
                           sender_user_id, occurred_at)
     VALUES ($1, $2, $3, $4, 'text', 'hola', $5, $6, $7, $8)`,
    [
      s.workspaceId,
      conversationId,
      t.sandbox.id,
      direction,
      `wamid.histogram-${++wamid}`,
      direction === 'outbound' ? 'read' : null,
      sender ?? null,
      at,
    ],
  );

/** Every non-empty bucket of report_histograms, in one order. */
const histogramRows = () =>
  t.container.db.query(
    `SELECT workspace_id, level, block, metric, channel_id, team_id, agent_user_id, bucket, count, sum
       FROM report_histograms WHERE count <> 0
      ORDER BY level, block, metric, channel_id, team_id NULLS FIRST, agent_user_id NULLS FIRST, bucket`,
  );

describe('the performance histograms', () => {
  it('stay equal to the cycles they roll up through refreshes that rewrite cycles and removed conversations', async () => {
    for (const step of s.steps) {
      await step();
      await refresh();
    }
    const mario = await conversationOf('34600000002');
    const pedro = await conversationOf('34600000003');
    // Mario's cycle C is resolved Thu 13:00, then he writes again Fri 10:00 (reopened, a new cycle
    // D') and Carlos answers 10:20: cycles rewritten, one bucket moved, one cycle added.
    await event(mario, 'status', 'open', 'resolved', '2026-02-05T13:00:00+01:00');
    await refresh();
    await event(mario, 'status', 'resolved', 'open', '2026-02-06T10:00:00+01:00');
    await message(mario, 'inbound', '2026-02-06T10:00:00+01:00');
    await message(mario, 'outbound', '2026-02-06T10:20:00+01:00', s.carlos.userId);
    await refresh();
    // Pedro is given to Beatriz, who answers him Thu 09:00 and resolves it 09:30.
    await event(pedro, 'assignee', null, s.bea.userId, '2026-02-05T08:55:00+01:00');
    await message(pedro, 'outbound', '2026-02-05T09:00:00+01:00', s.bea.userId);
    await event(pedro, 'status', 'open', 'resolved', '2026-02-05T09:30:00+01:00');
    await refresh();
    // Rosa's conversation is removed (as erasing a contact does): its cycles go by cascade.
    const rosa = await conversationOf('34600000004');
    await t.container.db.query('DELETE FROM conversations WHERE id = $1', [rosa]);

    const incremental = await histogramRows();
    expect(incremental.length).toBeGreaterThan(0);
    await t.container.db.transaction((query) => rebuildHistograms(query));
    expect(await histogramRows()).toEqual(incremental);

    // What the report reads from them (whole UTC days) equals what it reads from the cycles alone,
    // for periods whose edges fall inside UTC days and across the buckets of both times.
    const now = new Date('2026-03-01T00:00:00Z');
    for (const tz of ['Europe/Madrid', 'UTC', 'America/Mexico_City'])
      for (const time of ['business', 'calendar'] as const)
        for (const filters of [
          {},
          { channelId: s.channel2 },
          { channelId: t.sandbox.id },
          { teamId: s.teamId },
          { agentId: s.bea.userId },
          { agentId: s.carlos.userId },
        ])
          for (const [from, to] of [
            ['2026-02-02', '2026-02-08'],
            ['2026-01-26', '2026-02-01'],
            ['2026-01-01', '2026-02-28'],
            ['2026-02-05', '2026-02-05'],
          ] as const) {
            const args = [
              t.container.db.query,
              s.workspaceId,
              from,
              to,
              tz,
              { time, ...filters },
              now,
            ] as const;
            const rolledUp = await figuresOf(...args);
            expect(rolledUp, `${tz} ${time} ${JSON.stringify(filters)} ${from}`).toEqual(
              await figuresOf(...args, false),
            );
          }
  });
});
