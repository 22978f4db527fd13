import { type BusinessCalendar, isOpenAt } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarFor } from '../../src/modules/automation';
import { addMember, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { requestsAs } from './automation-harness';

let t: TestApp;
let agent: Member;
beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Carla Agent');
});
afterAll(() => t?.close());

const as = requestsAs(() => t);
const owner = as(() => t.cookie);
const asAgent = as(() => agent.cookie);

const weekdays = (ranges: { from: string; to: string }[]) => [
  ...Array.from({ length: 5 }, () => ranges),
  [],
  [],
];
const madrid: BusinessCalendar = {
  timeZone: 'europe/madrid',
  days: weekdays([
    { from: '09:00', to: '14:00' },
    { from: '17:00', to: '20:30' },
  ]),
  holidays: [{ date: '2026-12-25', yearly: true, name: 'Navidad' }],
};

describe('business hours', () => {
  it('starts with none set; an owner sets the workspace’s, which every member reads', async () => {
    expect((await owner('GET', '/api/business-hours')).json()).toEqual({ workspace: null, teams: [] });
    const res = await owner('PUT', '/api/business-hours', madrid);
    expect(res.statusCode, res.body).toBe(200);
    // The zone comes back spelled as the runtime lists it.
    expect(res.json().workspace).toMatchObject({ timeZone: 'Europe/Madrid', holidays: madrid.holidays });
    const seen = (await asAgent('GET', '/api/business-hours')).json();
    expect(seen.workspace.days[0]).toEqual([
      { from: '09:00', to: '14:00' },
      { from: '17:00', to: '20:30' },
    ]);
  });

  it('refuses agents, unknown zones, malformed times and overlapping ranges, saying where', async () => {
    expect((await asAgent('PUT', '/api/business-hours', madrid)).statusCode).toBe(403);
    const zone = await owner('PUT', '/api/business-hours', { ...madrid, timeZone: 'CET' });
    expect(zone.statusCode).toBe(422);
    expect(zone.json().error).toMatchObject({ code: 'invalid_time_zone', fields: [{ path: 'timeZone' }] });
    const time = await owner('PUT', '/api/business-hours', {
      ...madrid,
      days: weekdays([{ from: '9:00', to: '14:00' }]),
    });
    expect(time.statusCode).toBe(400);
    expect(JSON.stringify(time.json())).toContain('days.0.0.from');
    const overlap = await owner('PUT', '/api/business-hours', {
      ...madrid,
      days: weekdays([
        { from: '09:00', to: '14:00' },
        { from: '13:00', to: '18:00' },
      ]),
    });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().error.message).toContain('Monday: 13:00–18:00 overlaps 09:00–14:00');
    // Nothing of the refused changes was kept.
    expect((await owner('GET', '/api/business-hours')).json().workspace.timeZone).toBe('Europe/Madrid');
  });

  it('gives a team hours of its own, which apply to its conversations, and takes them back', async () => {
    const team = (await owner('POST', '/api/teams', { name: 'Noche' })).json();
    const nights: BusinessCalendar = {
      timeZone: 'America/Mexico_City',
      days: Array.from({ length: 7 }, () => [{ from: '22:00', to: '02:00' }]),
      holidays: [],
    };
    const set = await owner('PUT', `/api/teams/${team.id}/business-hours`, nights);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().teams).toEqual([{ teamId: team.id, teamName: 'Noche', calendar: nights }]);

    const [row] = await t.container.db.query<{ id: string }>('SELECT id FROM workspaces');
    const workspaceId = row!.id;
    const forTeam = await calendarFor(t.container.automation, workspaceId, team.id);
    const forOthers = await calendarFor(t.container.automation, workspaceId, null);
    // Monday 2026-12-07 at 23:30 in Mexico City (05:30Z Tuesday) is 06:30 in Madrid.
    const lateMonday = new Date('2026-12-08T05:30:00Z');
    expect(isOpenAt(forTeam!, lateMonday)).toBe(true);
    expect(isOpenAt(forOthers!, lateMonday)).toBe(false);

    const cleared = await owner('DELETE', `/api/teams/${team.id}/business-hours`);
    expect(cleared.json().teams[0].calendar).toBeNull();
    expect((await calendarFor(t.container.automation, workspaceId, team.id))?.timeZone).toBe('Europe/Madrid');
    expect((await owner('PUT', `/api/teams/${crypto.randomUUID()}/business-hours`, nights)).statusCode).toBe(
      404,
    );
  });
});
