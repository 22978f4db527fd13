import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { openSocket } from '../presence/sockets';

let t: TestApp;
let agent: Member;
beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Carla Agent');
});
afterAll(() => t?.close());

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Charla open in a tab for a moment: the socket's first beat is a heartbeat of its member. */
async function beat() {
  const socket = await openSocket(t.baseUrl, agent.cookie);
  await t.waitFor(
    async () =>
      (
        await t.container.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM member_online_spans WHERE user_id = $1 AND last_seen_at = $2',
          [agent.userId, t.clock.now()],
        )
      )[0]!.n === 1,
    'the heartbeat recorded',
  );
  await socket.close();
}

describe('time online', () => {
  it('adds up the spans an agent had Charla open; a gap of over 70 s starts a new span', async () => {
    const start = t.clock.now().getTime();
    await beat(); // span A starts
    t.clock.advance(20_000);
    await beat(); // A: 20 s
    t.clock.advance(200_000);
    await beat(); // a 200 s gap: span B starts
    t.clock.advance(30_000);
    await beat(); // B: 30 s
    const range = `from=${day(start - 86_400_000)}&to=${day(start + 86_400_000)}&tz=UTC`;
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/reports/performance?${range}`,
      headers: { cookie: agent.cookie },
    });
    expect(mine.statusCode, mine.body).toBe(200);
    const [row] = mine.json().agents;
    expect(row.name).toBe('Carla Agent');
    expect(row.figures.onlineMs).toBe(50_000); // 20 s + 30 s
    // The owner, who never had a socket open, was online for none of it; teams have no such figure.
    const all = await t.app.inject({
      method: 'GET',
      url: `/api/reports/performance?${range}`,
      headers: { cookie: t.cookie },
    });
    const owner = all.json().agents.find((a: { name: string }) => a.name === 'Ana Owner');
    expect(owner.figures.onlineMs).toBe(0);
    expect(all.json().totals.onlineMs).toBeNull();
  });
});
