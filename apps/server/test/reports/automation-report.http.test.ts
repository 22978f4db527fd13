import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  automaticRepliesLeft,
  requestsAs,
  rulesApi,
  simulatedCustomers,
} from '../automation/automation-harness';
import { addMember, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let agent: Member;
let workspaceId: string;
const q = (sql: string, params: unknown[] = []) => t.container.db.query(sql, params);

/**
 * Week 2026-03-02 … 03-08 (UTC), seeded by SQL:
 * - rule "Pedidos" fired 3 times on 03-03 and 5 times on 03-09 (after the week); "Apagada" never.
 * - flow "Citas" (start → ask → thanks → bye): five sessions started in the week — one completed
 *   (start, ask, thanks, bye), one timed out and one stopped at ask, one still waiting at ask, one
 *   completed before steps were kept (known only to have ended at bye) — and one started 03-01.
 * - sequence "Bienvenida": enrolments of the week finished, stopped by a reply, stopped by an
 *   opt-out, cancelled, active; one of 03-01.
 */
beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Carla Agent');
  const [ws] = await t.container.db.query<{ id: string }>(
    'SELECT workspace_id AS id FROM channels WHERE id = $1',
    [t.sandbox.id],
  );
  workspaceId = ws!.id;

  const rule = async (name: string, enabled: boolean, fired: number) =>
    (
      await t.container.db.query<{ id: string }>(
        `INSERT INTO automation_rules (workspace_id, name, enabled, position, trigger, actions, fired_count)
         VALUES ($1, $2, $3, 100, '{"type": "message_received", "firstOnly": false}', '[{"type": "stop"}]', $4) RETURNING id`,
        [workspaceId, name, enabled, fired],
      )
    )[0]!.id;
  const pedidos = await rule('Pedidos', true, 8);
  await rule('Apagada', false, 0);
  await q(
    `INSERT INTO automation_rule_fire_hours (rule_id, workspace_id, hour, fired)
     VALUES ($1, $2, '2026-03-03T10:00:00Z', 2), ($1, $2, '2026-03-03T17:00:00Z', 1), ($1, $2, '2026-03-09T10:00:00Z', 5)`,
    [pedidos, workspaceId],
  );

  const definition = {
    nodes: [
      { id: 'bye', type: 'end', text: 'Adiós' },
      { id: 'start', type: 'start' },
      { id: 'thanks', type: 'message', message: { type: 'text', text: 'Gracias' } },
      { id: 'ask', type: 'question', text: '¿Qué día?', variable: 'dia' },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'next', target: 'ask' },
      { id: 'e2', source: 'ask', sourceHandle: 'next', target: 'thanks' },
      { id: 'e3', source: 'thanks', sourceHandle: 'next', target: 'bye' },
    ],
  };
  const [flow] = await t.container.db.query<{ id: string }>(
    `INSERT INTO flows (workspace_id, name, draft, published_version) VALUES ($1, 'Citas', $2::jsonb, 1) RETURNING id`,
    [workspaceId, JSON.stringify(definition)],
  );
  await q(
    `INSERT INTO flow_versions (flow_id, version, workspace_id, definition) VALUES ($1, 1, $2, $3::jsonb)`,
    [flow!.id, workspaceId, JSON.stringify(definition)],
  );
  const session = (
    status: string,
    nodeId: string,
    reached: string[] | null,
    startedAt = '2026-03-04T10:00:00Z',
  ) =>
    q(
      `INSERT INTO bot_sessions (workspace_id, conversation_id, flow_id, version, state, status, started_at, asked_at)
       VALUES ($1, $2, $3, 1, $4::jsonb, $5, $6, $6)`,
      [
        workspaceId,
        randomUUID(),
        flow!.id,
        JSON.stringify({ nodeId, variables: {}, tries: 0, resumeAt: null, ...(reached ? { reached } : {}) }),
        status,
        startedAt,
      ],
    );
  await session('completed', 'bye', ['start', 'ask', 'thanks', 'bye']);
  await session('timed_out', 'ask', ['start', 'ask']);
  await session('stopped', 'ask', ['start', 'ask']);
  await session('active', 'ask', ['start', 'ask']);
  await session('completed', 'bye', null);
  await session('completed', 'bye', ['start', 'ask', 'thanks', 'bye'], '2026-03-01T10:00:00Z');

  const [sequence] = await t.container.db.query<{ id: string }>(
    `INSERT INTO sequences (workspace_id, name, channel_id, steps, weekdays, from_time, to_time, time_zone)
     VALUES ($1, 'Bienvenida', $2, '[]', '{1,2,3,4,5}', '09:00', '18:00', 'UTC') RETURNING id`,
    [workspaceId, t.sandbox.id],
  );
  let n = 0;
  const enrolment = async (status: string, reason: string | null, at = '2026-03-05T10:00:00Z') => {
    const waId = `3461100${String(++n).padStart(4, '0')}`;
    const [c] = await t.container.db.query<{ id: string }>(
      'INSERT INTO contacts (workspace_id, wa_id, phone) VALUES ($1, $2, $3) RETURNING id',
      [workspaceId, waId, `+${waId}`],
    );
    await q(
      `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, status, stop_reason, enrolled_by, created_at)
       VALUES ($1, $2, $3, $4, $5, 'rule', $6)`,
      [workspaceId, sequence!.id, c!.id, status, reason, at],
    );
  };
  await enrolment('finished', null);
  await enrolment('stopped', 'replied');
  await enrolment('stopped', 'opted_out');
  await enrolment('cancelled', 'cancelled');
  await enrolment('active', null);
  await enrolment('finished', null, '2026-03-01T10:00:00Z');
});
afterAll(() => t?.close());

const WEEK = 'from=2026-03-02&to=2026-03-08&tz=UTC';
const get = (url: string, cookie = t.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('automation report', () => {
  it('counts each rule’s fires in the period, beside its count since it was made', async () => {
    const res = await get(`/api/reports/automation?${WEEK}`);
    expect(res.statusCode, res.body).toBe(200);
    const byName = Object.fromEntries(res.json().rules.map((r: { name: string }) => [r.name, r]));
    expect(byName.Pedidos).toMatchObject({ enabled: true, fired: 3, firedEver: 8 });
    expect(byName.Apagada).toMatchObject({ enabled: false, fired: 0, firedEver: 0 });
  });

  it('gives each flow its sessions by outcome and a funnel of its steps in the order a customer meets them', async () => {
    const [flow] = (await get(`/api/reports/automation?${WEEK}`)).json().flows;
    expect(flow).toMatchObject({
      name: 'Citas',
      version: 1,
      started: 5,
      completed: 2,
      handedOff: 0,
      timedOut: 1,
      stopped: 1,
      moved: 0,
      active: 1,
    });
    expect(flow.funnel).toEqual([
      { nodeId: 'start', type: 'start', reached: 4, abandoned: 0, waiting: 0 },
      { nodeId: 'ask', type: 'question', reached: 4, abandoned: 2, waiting: 1 },
      { nodeId: 'thanks', type: 'message', reached: 1, abandoned: 0, waiting: 0 },
      // The completed session from before steps were kept counts where it ended.
      { nodeId: 'bye', type: 'end', reached: 2, abandoned: 0, waiting: 0 },
    ]);
  });

  it('gives each sequence its enrolments of the period by how they ended', async () => {
    const [sequence] = (await get(`/api/reports/automation?${WEEK}`)).json().sequences;
    expect(sequence).toEqual({
      id: expect.any(String),
      name: 'Bienvenida',
      enabled: true,
      enrolled: 5,
      finished: 1,
      stoppedByReply: 1,
      stoppedByOptOut: 1,
      stoppedOther: 1,
      active: 1,
    });
  });

  it('is for owners and admins only', async () => {
    const res = await get(`/api/reports/automation?${WEEK}`, agent.cookie);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('reports_admins_only');
  });
});

describe('a rule that fires', () => {
  const owner = requestsAs(() => t)(() => t.cookie);
  const { writes, stored, newCustomer } = simulatedCustomers(() => t, { prefix: '34622', name: 'Lucía' });

  it('is counted in the hour it fired', async () => {
    const { rules, allOff } = rulesApi(owner);
    await allOff();
    const welcome = (await rules()).find((r) => r.preset === 'welcome')!;
    await owner('PATCH', `/api/automation/rules/${welcome.id}`, { enabled: true });
    const from = newCustomer();
    writes(from, 'Hola');
    await stored(from, 'Hola');
    await t.waitFor(async () => {
      const [row] = await t.container.db.query<{ n: number }>(
        'SELECT coalesce(sum(fired), 0)::int AS n FROM automation_rule_fire_hours WHERE rule_id = $1',
        [welcome.id],
      );
      return row!.n === 1;
    }, 'the welcome rule to fire');
    await automaticRepliesLeft(t);
    const today = t.clock.now().toISOString().slice(0, 10);
    const report = (await get(`/api/reports/automation?from=${today}&to=${today}&tz=UTC`)).json();
    expect(report.rules.find((r: { id: string }) => r.id === welcome.id)).toMatchObject({
      fired: 1,
      firedEver: 1,
    });
  });
});
