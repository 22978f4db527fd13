import type { PerformanceReport, VolumeReport } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { MIN, requestAs } from './report-seed';

let t: TestApp;
let bea: Member;
beforeAll(async () => {
  // The customers' phones read Charla's manual clock, so the test sets when they write too.
  t = await createTestApp({
    simulator: { clock: { now: () => (t ? t.clock.now().getTime() : Date.now()) } },
  });
  bea = await addMember(t, 'agent', 'Beatriz Agent');
});
afterAll(() => t?.close());

const owner = requestAs(
  () => t,
  () => t.cookie,
);
const asBea = requestAs(
  () => t,
  () => bea.cookie,
);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('reports through the inbox', () => {
  it('count the first response and the resolution of a conversation answered and resolved in the inbox', async () => {
    const waId = '5215512340001';
    // A whole second (WhatsApp's timestamps have no milliseconds), three hours ago: Charla takes
    // a customer's time as WhatsApp gives it unless it lies ahead of when it arrived.
    const asked = Math.floor(Date.now() / 1000) * 1000 - 3 * 60 * MIN;
    t.clock.set(new Date(asked));
    const write = (text: string) =>
      t.simulator.sendAsCustomer({ phoneNumberId: t.sandbox.phoneNumberId, waId, name: 'Inés', text });
    const inbound = async (n: number) =>
      t.waitFor(async () => {
        const [row] = await t.container.db.query<{ id: string; n: number }>(
          `SELECT conversation_id AS id, count(*)::int AS n FROM messages WHERE direction = 'inbound'
            GROUP BY conversation_id`,
        );
        return row?.n === n && row;
      }, `${n} customer messages stored`);
    // Two messages in a row, answered by one reply.
    write('Hola');
    t.clock.set(new Date(asked + 30_000));
    write('¿Tienen talla 38?');
    const conv = await inbound(2);

    t.clock.set(new Date(asked + MIN));
    const assign = await owner('POST', `/api/conversations/${conv.id}/assign`, {
      assigneeUserId: bea.userId,
    });
    expect(assign.statusCode, assign.body).toBe(200);
    t.clock.set(new Date(asked + 7 * MIN));
    const reply = await asBea('POST', `/api/conversations/${conv.id}/messages`, {
      text: 'Sí, en negro y azul.',
    });
    expect(reply.statusCode, reply.body).toBe(202);
    t.clock.set(new Date(asked + 20 * MIN));
    const resolve = await asBea('PATCH', `/api/conversations/${conv.id}`, { status: 'resolved' });
    expect(resolve.statusCode, resolve.body).toBe(200);

    const refresh = await owner('POST', '/api/reports/refresh');
    expect(refresh.statusCode).toBe(200);
    expect(refresh.json().refreshedAt).toBe(new Date(asked + 20 * MIN).toISOString());

    const period = `from=${day(asked - 86_400_000)}&to=${day(asked + 86_400_000)}&tz=UTC`;
    const res = await owner('GET', `/api/reports/performance?${period}`);
    expect(res.statusCode, res.body).toBe(200);
    const r: PerformanceReport = res.json();
    // No business hours set: calendar time.
    expect(r.businessTime).toBe(false);
    const figures = {
      assigned: 1,
      handled: 1,
      resolved: 1,
      reopened: 0,
      messagesSent: 1,
      // Asked at `asked`, answered 7 min later; both messages waited for that one reply.
      firstResponse: { count: 1, medianMs: 7 * MIN, p90Ms: 7 * MIN },
      response: { count: 1, medianMs: 7 * MIN, p90Ms: 7 * MIN },
      resolution: { count: 1, medianMs: 20 * MIN, p90Ms: 20 * MIN },
      expired: 0,
      missed: 0,
    };
    expect(r.totals).toMatchObject(figures);
    expect(r.agents.find((a) => a.id === bea.userId)?.figures).toMatchObject(figures);
    expect(r.now).toEqual({ open: 0, pending: 0, waiting: 0 });

    // Beatriz sees the same row of her own.
    const own: PerformanceReport = (await asBea('GET', `/api/reports/performance?${period}`)).json();
    expect(own.agents.map((a) => a.id)).toEqual([bea.userId]);
    expect(own.totals).toMatchObject(figures);

    const volume: VolumeReport = (await owner('GET', `/api/reports/volume?${period}`)).json();
    expect(volume.totals).toMatchObject({
      inbound: 2,
      outbound: 1,
      outboundByPeople: 1,
      conversations: 1,
      newContacts: 1,
      returningContacts: 0,
    });

    // Two hours after she asked, Inés writes again: the resolved conversation opens a second,
    // reopened cycle, which Beatriz answers in 3 min.
    t.clock.set(new Date(asked + 120 * MIN));
    write('Otra cosa: ¿hacen envíos?');
    await inbound(3);
    t.clock.set(new Date(asked + 123 * MIN));
    const again = await asBea('POST', `/api/conversations/${conv.id}/messages`, {
      text: 'Sí, a todo el país.',
    });
    expect(again.statusCode, again.body).toBe(202);
    await owner('POST', '/api/reports/refresh');
    const later: PerformanceReport = (await owner('GET', `/api/reports/performance?${period}`)).json();
    expect(later.totals).toMatchObject({
      reopened: 1,
      handled: 2,
      resolved: 1,
      messagesSent: 2,
      // 7 and 3 min: median 5, p90 3 + 0.9 × 4 = 6.6 min.
      firstResponse: { count: 2, medianMs: 5 * MIN, p90Ms: 6.6 * MIN },
      resolution: { count: 1, medianMs: 20 * MIN, p90Ms: 20 * MIN },
    });
    expect(later.now.open).toBe(1);
  });
});
