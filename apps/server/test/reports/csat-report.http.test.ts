import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let bea: Member;
let carlos: Member;
let soporte: string;

/**
 * Surveys written with explicit times (the survey flow itself is test/csat). Period: Monday
 * 2026-03-02 to Sunday 03-08 in Madrid (UTC+1); the previous one 02-23 to 03-01.
 *
 * Beatriz (Soporte): 5 with "Genial", 4, 2 with "Tardaron mucho", one unanswered.
 * Carlos (no team): 3, one unanswered, and 1 asked Mon 00:30 Madrid (Sun 23:30 UTC: in the period).
 * Previous period: Beatriz 3, asked Sun 03-01 23:30 Madrid (22:30 UTC).
 */
beforeAll(async () => {
  t = await createTestApp();
  bea = await addMember(t, 'agent', 'Beatriz Agent');
  carlos = await addMember(t, 'agent', 'Carlos Agent');
  const team = await t.app.inject({
    method: 'POST',
    url: '/api/teams',
    headers: { cookie: t.cookie },
    payload: { name: 'Soporte' },
  });
  soporte = team.json().id;
  const q = t.container.db.query;
  const [{ workspace_id: ws } = { workspace_id: '' }] = await q<{ workspace_id: string }>(
    'SELECT workspace_id FROM channels WHERE id = $1',
    [t.sandbox.id],
  );
  const conversation = async (name: string, waId: string) => {
    const [c] = await q<{ id: string }>(
      'INSERT INTO contacts (workspace_id, wa_id, phone, name) VALUES ($1, $2, $3, $4) RETURNING id',
      [ws, waId, `+${waId}`, name],
    );
    const [conv] = await q<{ id: string; contact_id: string }>(
      `INSERT INTO conversations (workspace_id, channel_id, contact_id, status) VALUES ($1, $2, $3, 'resolved')
       RETURNING id, contact_id`,
      [ws, t.sandbox.id, c!.id],
    );
    return conv!;
  };
  const lucia = await conversation('Lucía', '34600000101');
  const mario = await conversation('Mario', '34600000102');
  const survey = async (
    conv: { id: string; contact_id: string },
    agent: string,
    team: string | null,
    sentAt: string,
    score: number | null,
    comment: string | null = null,
  ) => {
    const sent = new Date(sentAt);
    const rated = new Date(sent.getTime() + 60_000);
    const commented = new Date(sent.getTime() + 120_000);
    await q(
      `INSERT INTO csat_surveys (workspace_id, conversation_id, channel_id, contact_id, agent_user_id, team_id, via,
                                 message_id, sent_at, expires_at, score, rated_at, comment, commented_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'list', gen_random_uuid(), $7, $7::timestamptz + interval '1 day',
               $8, $9, $10, $11)`,
      [
        ws,
        conv.id,
        t.sandbox.id,
        conv.contact_id,
        agent,
        team,
        sent,
        score,
        score === null ? null : rated,
        comment,
        comment === null ? null : commented,
      ],
    );
  };
  await survey(lucia, bea.userId, soporte, '2026-03-02T10:00:00Z', 5, 'Genial');
  await survey(lucia, bea.userId, soporte, '2026-03-03T10:00:00Z', 4);
  await survey(lucia, bea.userId, soporte, '2026-03-05T10:00:00Z', 2, 'Tardaron mucho');
  await survey(lucia, bea.userId, soporte, '2026-03-06T10:00:00Z', null);
  await survey(mario, carlos.userId, null, '2026-03-04T10:00:00Z', 3);
  await survey(mario, carlos.userId, null, '2026-03-07T10:00:00Z', null);
  await survey(mario, carlos.userId, null, '2026-03-01T23:30:00Z', 1);
  await survey(lucia, bea.userId, soporte, '2026-03-01T22:30:00Z', 3);
  // Outside both periods.
  await survey(mario, carlos.userId, null, '2026-03-09T12:00:00Z', 5);
});
afterAll(() => t?.close());

const PERIOD = 'from=2026-03-02&to=2026-03-08&tz=Europe/Madrid';
const report = async (cookie: string, extra = '') => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/reports/csat?${PERIOD}${extra}`,
    headers: { cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('satisfaction report', () => {
  it('averages, CSAT (4-5 of the ratings), response rate and the scores, per agent, per team and in all', async () => {
    const r = await report(t.cookie);
    // 7 asked, 5 rated: (5 + 4 + 2 + 3 + 1) / 5 = 3; 2 of 5 are 4 or 5.
    expect(r.totals).toEqual({
      sent: 7,
      answered: 5,
      responseRate: 5 / 7,
      average: 3,
      satisfiedRate: 0.4,
      scores: [1, 1, 1, 1, 1],
      comments: 2,
    });
    // The previous week: Beatriz's 3, asked at 23:30 Madrid on Sunday.
    expect(r.previousTotals).toMatchObject({ sent: 1, answered: 1, average: 3 });
    const byName = Object.fromEntries(r.agents.map((a: { name: string }) => [a.name, a]));
    // (5 + 4 + 2) / 3 = 3.67.
    expect(byName['Beatriz Agent'].figures).toEqual({
      sent: 4,
      answered: 3,
      responseRate: 0.75,
      average: 3.67,
      satisfiedRate: 2 / 3,
      scores: [0, 1, 0, 1, 1],
      comments: 2,
    });
    expect(byName['Beatriz Agent'].previous).toMatchObject({ answered: 1, average: 3 });
    expect(byName['Carlos Agent'].figures).toMatchObject({
      sent: 3,
      answered: 2,
      average: 2,
      satisfiedRate: 0,
      scores: [1, 0, 1, 0, 0],
    });
    expect(r.teams).toEqual([
      expect.objectContaining({ name: 'Soporte', figures: byName['Beatriz Agent'].figures }),
    ]);
    // Newest comment first, with who was rated and the customer.
    expect(
      r.comments.map((c: { comment: string; score: number; contactName: string; agentName: string }) => [
        c.comment,
        c.score,
        c.contactName,
        c.agentName,
      ]),
    ).toEqual([
      ['Tardaron mucho', 2, 'Lucía', 'Beatriz Agent'],
      ['Genial', 5, 'Lucía', 'Beatriz Agent'],
    ]);
  });

  it('narrows to a team', async () => {
    const r = await report(t.cookie, `&teamId=${soporte}`);
    expect(r.totals).toMatchObject({ sent: 4, answered: 3, average: 3.67 });
    expect(r.agents.map((a: { name: string }) => a.name)).toEqual(['Beatriz Agent']);
  });

  it('an agent sees only their own ratings and comments', async () => {
    const r = await report(carlos.cookie, `&agentId=${bea.userId}`);
    expect(r.totals).toMatchObject({ sent: 3, answered: 2, average: 2 });
    expect(r.agents.map((a: { name: string }) => a.name)).toEqual(['Carlos Agent']);
    expect(r.teams).toEqual([]);
    expect(r.comments).toEqual([]);
  });
});
