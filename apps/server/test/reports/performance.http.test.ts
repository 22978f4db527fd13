import type { PerformanceReport, PerformanceRow } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { H, MIN, PERIOD, requestAs, type Seeded, seedHistory, seedReports } from './report-seed';

// The dataset and its timeline are described in report-seed.ts; every figure below is worked out
// from it by hand. Cycles of the period: A (Lucía), B and C (Mario), D (Pedro), E (Lucía, second
// number), F (Rosa); P (Rosa) is the previous period's.

let t: TestApp;
let s: Seeded;
const owner = requestAs(
  () => t,
  () => t.cookie,
);

beforeAll(async () => {
  t = await createTestApp();
  s = await seedReports(t);
  await seedHistory(s);
  const refresh = await owner('POST', '/api/reports/refresh');
  expect(refresh.statusCode, refresh.body).toBe(200);
  expect(refresh.json().refreshedAt).toBe(t.clock.now().toISOString());
});
afterAll(() => t?.close());

const report = async (params = '', as = owner): Promise<PerformanceReport> => {
  const res = await as('GET', `/api/reports/performance?${PERIOD}&tz=Europe/Madrid${params}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const rowOf = (rows: PerformanceRow[], id: string) => rows.find((r) => r.id === id)!;

describe('performance report over a seeded week', () => {
  it('gives the workspace’s totals in business time', async () => {
    const r = await report();
    expect(r.period).toEqual({ from: '2026-02-02', to: '2026-02-08' });
    expect(r.previousPeriod).toEqual({ from: '2026-01-26', to: '2026-02-01' });
    expect(r.businessTime).toBe(true);
    expect(r.totals).toMatchObject({
      // Given to someone: A, E, F (Beatriz), B, C (Carlos); D never was.
      assigned: 5,
      // With a person's response: A, B, C, E (D only had a bot, F nobody).
      handled: 4,
      // Resolved in the period: A, B, E.
      resolved: 3,
      // C and F started by writing to a resolved conversation.
      reopened: 2,
      // Beatriz's replies to A and E, Carlos's to B and C (not the bot's, not the broadcast).
      messagesSent: 4,
      // A 60, B 10, C 30, E 15 min: sorted 10, 15, 30, 60; median (15 + 30) / 2 = 22.5 min,
      // p90 at 0.9 × 3 = 2.7: 30 + 0.7 × 30 = 51 min.
      firstResponse: { count: 4, medianMs: 22.5 * MIN, p90Ms: 51 * MIN },
      // One wait each in A, B, C, E, the same as their first responses.
      response: { count: 4, medianMs: 22.5 * MIN, p90Ms: 51 * MIN },
      // A 90, B 60, E 20 min: median 60; p90 at 0.9 × 2 = 1.8: 60 + 0.8 × 30 = 84 min.
      resolution: { count: 3, medianMs: 60 * MIN, p90Ms: 84 * MIN },
      // B waited Tue 10:00–10:05.
      queueWait: { count: 1, medianMs: 5 * MIN, p90Ms: 5 * MIN },
      // C (Thu 12:00, answered before) and D (Thu 20:00, never answered); F's window closes after the period.
      expired: 2,
      missed: 1,
    });
  });

  it('gives the same in calendar time with time=calendar', async () => {
    const r = await report('&time=calendar');
    expect(r.businessTime).toBe(false);
    // First responses A 960 (16 h), B 10, C 30, E 315 min: sorted 10, 30, 315, 960; median
    // (30 + 315) / 2 = 172.5 min, p90 315 + 0.7 × 645 = 766.5 min.
    expect(r.totals.firstResponse).toEqual({ count: 4, medianMs: 172.5 * MIN, p90Ms: 766.5 * MIN });
    // Resolutions A 990 (16.5 h), B 60, E 320 min: median 320, p90 320 + 0.8 × 670 = 856 min.
    expect(r.totals.resolution).toEqual({ count: 3, medianMs: 320 * MIN, p90Ms: 856 * MIN });
    expect(r.totals.queueWait).toEqual({ count: 1, medianMs: 5 * MIN, p90Ms: 5 * MIN });
  });

  it('compares with the week before', async () => {
    const r = await report();
    // P: answered in 20 min, resolved in 60, one reply by Beatriz.
    expect(r.previousTotals).toMatchObject({
      assigned: 1,
      handled: 1,
      resolved: 1,
      reopened: 0,
      messagesSent: 1,
      firstResponse: { count: 1, medianMs: 20 * MIN, p90Ms: 20 * MIN },
      resolution: { count: 1, medianMs: H, p90Ms: H },
      expired: 0,
    });
    expect(rowOf(r.agents, s.bea.userId).previous).toMatchObject({ resolved: 1, messagesSent: 1 });
    expect(rowOf(r.agents, s.carlos.userId).previous).toMatchObject({ resolved: 0, messagesSent: 0 });
  });

  it('gives each agent and the team their own figures', async () => {
    const r = await report();
    expect(r.agents.map((a) => a.name)).toEqual(['Ana Owner', 'Beatriz Agent', 'Carlos Agent']);
    expect(rowOf(r.agents, s.bea.userId).figures).toMatchObject({
      assigned: 3, // A, E, F
      handled: 2, // A, E
      resolved: 2,
      reopened: 1, // F
      messagesSent: 2,
      // A 60, E 15 min: median 37.5, p90 15 + 0.9 × 45 = 55.5 min.
      firstResponse: { count: 2, medianMs: 37.5 * MIN, p90Ms: 55.5 * MIN },
      response: { count: 2, medianMs: 37.5 * MIN, p90Ms: 55.5 * MIN },
      // A 90, E 20 min: median 55, p90 20 + 0.9 × 70 = 83 min.
      resolution: { count: 2, medianMs: 55 * MIN, p90Ms: 83 * MIN },
      queueWait: { count: 0, medianMs: null, p90Ms: null },
      expired: 0,
      missed: 0,
    });
    expect(rowOf(r.agents, s.carlos.userId).figures).toMatchObject({
      assigned: 2, // B, C
      handled: 2,
      resolved: 1, // B
      reopened: 1, // C
      messagesSent: 2,
      // B 10, C 30 min: median 20, p90 10 + 0.9 × 20 = 28 min.
      firstResponse: { count: 2, medianMs: 20 * MIN, p90Ms: 28 * MIN },
      response: { count: 2, medianMs: 20 * MIN, p90Ms: 28 * MIN },
      resolution: { count: 1, medianMs: 60 * MIN, p90Ms: 60 * MIN },
      queueWait: { count: 1, medianMs: 5 * MIN, p90Ms: 5 * MIN },
      expired: 1, // C, answered before its window closed
      missed: 0,
    });
    const owners = rowOf(
      r.agents,
      (await t.container.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'ana@example.com'"))[0]!
        .id,
    );
    expect(owners.figures).toMatchObject({ assigned: 0, handled: 0, resolved: 0, messagesSent: 0 });

    expect(r.teams.map((team) => team.name)).toEqual(['Soporte']);
    // Soporte's cycles: A, B, C, F (D and E have no team).
    expect(r.teams[0]!.figures).toMatchObject({
      assigned: 4,
      handled: 3,
      resolved: 2,
      reopened: 2,
      // A 60, B 10, C 30 min: median 30, p90 30 + 0.8 × 30 = 54 min.
      firstResponse: { count: 3, medianMs: 30 * MIN, p90Ms: 54 * MIN },
      // A 90, B 60 min: median 75, p90 60 + 0.9 × 30 = 87 min.
      resolution: { count: 2, medianMs: 75 * MIN, p90Ms: 87 * MIN },
      queueWait: { count: 1, medianMs: 5 * MIN, p90Ms: 5 * MIN },
      expired: 1,
      missed: 0,
      // The responses in its cycles: Beatriz's in A, Carlos's in B and C.
      messagesSent: 3,
      onlineMs: null,
    });
  });

  it('shows what is open right now', async () => {
    const r = await report();
    // Open: Mario (Carlos), Pedro (nobody), Rosa (Beatriz); pending: Nora (Beatriz).
    expect(r.now).toEqual({ open: 3, pending: 1, waiting: 1 });
    expect(rowOf(r.agents, s.bea.userId).now).toEqual({ open: 1, pending: 1, waiting: 0 });
    expect(rowOf(r.agents, s.carlos.userId).now).toEqual({ open: 1, pending: 0, waiting: 0 });
    expect(r.teams[0]!.now).toEqual({ open: 2, pending: 1, waiting: 0 });
  });

  it('filters by number, team and agent', async () => {
    // The second number: only E (15 min to answer, 20 to resolve in business time).
    const byNumber = await report(`&channelId=${s.channel2}`);
    expect(byNumber.totals).toMatchObject({
      assigned: 1,
      handled: 1,
      resolved: 1,
      messagesSent: 1,
      firstResponse: { count: 1, medianMs: 15 * MIN, p90Ms: 15 * MIN },
      resolution: { count: 1, medianMs: 20 * MIN, p90Ms: 20 * MIN },
      expired: 0,
    });
    expect(byNumber.now).toEqual({ open: 0, pending: 0, waiting: 0 });

    const byTeam = await report(`&teamId=${s.teamId}`);
    expect(byTeam.totals).toMatchObject({
      assigned: 4,
      messagesSent: 3,
      reopened: 2,
      firstResponse: { count: 3, medianMs: 30 * MIN, p90Ms: 54 * MIN },
      expired: 1,
      missed: 0,
    });
    // Pedro waits with no team: not Soporte's.
    expect(byTeam.now).toEqual({ open: 2, pending: 1, waiting: 0 });

    const byAgent = await report(`&agentId=${s.carlos.userId}`);
    expect(byAgent.agents.map((a) => a.id)).toEqual([s.carlos.userId]);
    expect(byAgent.totals).toMatchObject({
      assigned: 2,
      messagesSent: 2,
      firstResponse: { count: 2, medianMs: 20 * MIN, p90Ms: 28 * MIN },
      expired: 1,
    });
    expect(byAgent.now).toEqual({ open: 1, pending: 0, waiting: 0 });
  });
});

describe('who sees what', () => {
  it('gives an agent only their own row, whatever they ask for, and no teams', async () => {
    const asBea = requestAs(
      () => t,
      () => s.bea.cookie,
    );
    const r = await report(`&agentId=${s.carlos.userId}`, asBea);
    expect(r.agents.map((a) => a.id)).toEqual([s.bea.userId]);
    expect(r.teams).toEqual([]);
    expect(r.totals.firstResponse).toEqual({ count: 2, medianMs: 37.5 * MIN, p90Ms: 55.5 * MIN });
    expect(r.now).toEqual({ open: 1, pending: 1, waiting: 0 });
    const volume = await asBea('GET', `/api/reports/volume?${PERIOD}`);
    expect(volume.statusCode).toBe(403);
    expect((await asBea('POST', '/api/reports/refresh')).statusCode).toBe(403);
  });

  it('refuses a bad period or zone, naming the field', async () => {
    const ask = (query: string) => owner('GET', `/api/reports/performance?${query}`);
    const backwards = await ask('from=2026-02-08&to=2026-02-02');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toMatchObject({ code: 'invalid_period', fields: [{ path: 'to' }] });
    const zone = await ask(`${PERIOD}&tz=Mars/Olympus`);
    expect(zone.statusCode).toBe(422);
    expect(zone.json().error).toMatchObject({ code: 'invalid_time_zone', fields: [{ path: 'tz' }] });
    const notADay = await ask('from=2026-02-30&to=2026-03-02');
    expect(notADay.statusCode).toBe(400);
    expect(notADay.json().error).toMatchObject({ fields: [{ path: 'from' }] });
    const malformed = await ask('from=2026-2-1&to=2026-02-08');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({
      code: 'validation_failed',
      fields: [{ path: 'from', message: 'a date as YYYY-MM-DD' }],
    });
    const tooLong = await ask('from=2025-01-04&to=2026-02-08'); // 401 days
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toMatchObject({ code: 'period_too_long', fields: [{ path: 'from' }] });
    // 400 days is the most a report covers: 2025-01-05 … 2026-02-08.
    expect((await ask('from=2025-01-05&to=2026-02-08')).statusCode).toBe(200);
  });
});
