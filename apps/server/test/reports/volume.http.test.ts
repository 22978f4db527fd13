import type { VolumeReport } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { PERIOD, requestAs, type Seeded, seedHistory, seedReports } from './report-seed';

// The dataset and its timeline are in report-seed.ts. In UTC the period's messages are:
// Mon 16:30 in (Lucía); Tue 08:30 out (Beatriz), 09:00 in, 09:10 out (Mario, Carlos);
// Wed 11:00 in, 11:30 out (Mario, Carlos), 19:00 in from an ad, 19:00:05 out by a bot (Pedro);
// Fri 03:00 in, 08:15 out (Lucía on the second number, Beatriz); Sat 10:00 out (a broadcast);
// Sun 19:00 in (Rosa). The previous week: Tue 01-27 09:00 in, 09:20 out (Rosa, Beatriz).

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
  expect((await owner('POST', '/api/reports/refresh')).statusCode).toBe(200);
});
afterAll(() => t?.close());

const volume = async (params: string): Promise<VolumeReport> => {
  const res = await owner('GET', `/api/reports/volume?${PERIOD}${params}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('volume report over a seeded week', () => {
  it('counts messages and conversations per day in UTC', async () => {
    const r = await volume('&tz=UTC');
    expect(r.days).toEqual([
      { date: '2026-02-02', inbound: 1, outbound: 0, conversations: 1, newContacts: 1 },
      { date: '2026-02-03', inbound: 1, outbound: 2, conversations: 1, newContacts: 1 },
      { date: '2026-02-04', inbound: 2, outbound: 2, conversations: 2, newContacts: 1 },
      { date: '2026-02-05', inbound: 0, outbound: 0, conversations: 0, newContacts: 0 },
      { date: '2026-02-06', inbound: 1, outbound: 1, conversations: 1, newContacts: 0 },
      { date: '2026-02-07', inbound: 0, outbound: 1, conversations: 0, newContacts: 0 },
      { date: '2026-02-08', inbound: 1, outbound: 0, conversations: 1, newContacts: 0 },
    ]);
    expect(r.totals).toEqual({
      inbound: 6,
      outbound: 6,
      // Beatriz 2, Carlos 2; the bot 1; the broadcast is neither.
      outboundByPeople: 4,
      outboundAutomated: 1,
      // Cycles A–F.
      conversations: 6,
      // Lucía, Mario and Pedro wrote for the first time; Rosa came back.
      newContacts: 3,
      returningContacts: 1,
      fromAds: 1,
    });
    expect(r.previousTotals).toEqual({
      inbound: 1,
      outbound: 1,
      outboundByPeople: 1,
      outboundAutomated: 0,
      conversations: 1,
      newContacts: 1,
      returningContacts: 0,
      fromAds: 0,
    });
  });

  it('moves a late-evening message to its own day in Mexico City', async () => {
    // Fri 03:00 UTC is Thu 21:00 in Mexico City (UTC-6); Beatriz's answer at 08:15 UTC is Fri 02:15.
    const r = await volume('&tz=America/Mexico_City');
    const day = (date: string) => r.days.find((d) => d.date === date);
    expect(day('2026-02-05')).toEqual({
      date: '2026-02-05',
      inbound: 1,
      outbound: 0,
      conversations: 1,
      newContacts: 0,
    });
    expect(day('2026-02-06')).toEqual({
      date: '2026-02-06',
      inbound: 0,
      outbound: 1,
      conversations: 0,
      newContacts: 0,
    });
    // The heatmap (Monday first) follows: Thursday 21:00 there, Friday 03:00 in UTC.
    expect(r.heatmap[3]![21]).toBe(1);
    expect(r.heatmap[4]![3]).toBe(0);
    const utc = await volume('&tz=UTC');
    expect(utc.heatmap[4]![3]).toBe(1);
    expect(utc.heatmap[3]![21]).toBe(0);
    // Every customer message is in one cell: Mon 16, Tue 9, Wed 11 and 19, Fri 3, Sun 19 (UTC).
    expect(utc.heatmap.flat().reduce((a, b) => a + b, 0)).toBe(6);
    expect(utc.heatmap[6]![19]).toBe(1);
  });

  it('splits the messages by number, the busiest first', async () => {
    const r = await volume('&tz=UTC');
    const [sandbox] = await t.container.db.query<{ name: string; display_phone_number: string }>(
      'SELECT name, display_phone_number FROM channels WHERE id = $1',
      [t.sandbox.id],
    );
    expect(r.byNumber).toEqual([
      {
        channelId: t.sandbox.id,
        name: `${sandbox!.name} · ${sandbox!.display_phone_number}`,
        inbound: 5,
        outbound: 5,
      },
      { channelId: s.channel2, name: 'Almacén · +34 600 000 002', inbound: 1, outbound: 1 },
    ]);
  });

  it('filters by number and by team', async () => {
    // The second number: Lucía's Fri message and Beatriz's answer; Lucía is not new there.
    const byNumber = await volume(`&tz=UTC&channelId=${s.channel2}`);
    expect(byNumber.totals).toEqual({
      inbound: 1,
      outbound: 1,
      outboundByPeople: 1,
      outboundAutomated: 0,
      conversations: 1,
      newContacts: 0,
      returningContacts: 1,
      fromAds: 0,
    });
    expect(byNumber.byNumber.map((n) => n.channelId)).toEqual([s.channel2]);
    // Soporte's cycles: A (Lucía, new), B (Mario, new), C (Mario), F (Rosa, returning).
    const byTeam = await volume(`&tz=UTC&teamId=${s.teamId}`);
    expect(byTeam.totals).toMatchObject({
      conversations: 4,
      newContacts: 2,
      returningContacts: 1,
      fromAds: 0,
    });
  });
});
