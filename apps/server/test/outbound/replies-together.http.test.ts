import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

// Replies that arrive together are read and stored together (one query for their conversations,
// one statement for their messages): each must still be checked for its own sender, and each
// conversation must keep the order its replies were written in.

let t: TestApp;
let agent: Member;
beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Carla Agent');
});
afterAll(() => t?.close());

const send = (cookie: string, conversationId: string, text: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/conversations/${conversationId}/messages`,
    headers: { cookie },
    payload: { text },
  });

describe('replies sent at the same moment by different people', () => {
  it('are each allowed or refused for their own sender, and stored in the order each wrote them', async () => {
    const mine = await customerWrites(t, '5215512340001', 'Hola, soy de Carla');
    const hidden = await customerWrites(t, '5215512340002', 'Hola, nadie me atiende');
    const assign = await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${mine}/assign`,
      headers: { cookie: t.cookie },
      payload: { assigneeUserId: agent.userId },
    });
    expect(assign.statusCode).toBe(200);
    const visibility = await t.app.inject({
      method: 'PATCH',
      url: '/api/workspace/settings',
      headers: { cookie: t.cookie },
      payload: { conversationVisibility: 'assigned' },
    });
    expect(visibility.statusCode).toBe(200);

    // Each chain writes its replies one after the other; the chains run at once.
    const chain = async (cookie: string, conversationId: string, label: string, n: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < n; i++)
        statuses.push((await send(cookie, conversationId, `${label} ${i}`)).statusCode);
      return statuses;
    };
    const [ownerToHidden, agentToMine, agentToHidden, unknown] = await Promise.all([
      chain(t.cookie, hidden, 'dueña', 8),
      chain(agent.cookie, mine, 'carla', 8),
      Promise.all(Array.from({ length: 4 }, (_, i) => send(agent.cookie, hidden, `no debe ${i}`))),
      send(t.cookie, crypto.randomUUID(), 'a nadie'),
    ]);
    expect(ownerToHidden).toEqual(Array(8).fill(202));
    expect(agentToMine).toEqual(Array(8).fill(202));
    expect(agentToHidden.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
    expect(agentToHidden[0]!.json().error.code).toBe('forbidden');
    expect(unknown.statusCode).toBe(404);

    const outbound = async (conversationId: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/conversations/${conversationId}`,
        headers: { cookie: t.cookie },
      });
      return res
        .json()
        .messages.filter((m: { direction: string }) => m.direction === 'outbound')
        .map((m: { text: string; senderName: string | null }) => `${m.senderName}: ${m.text}`);
    };
    expect(await outbound(hidden)).toEqual(Array.from({ length: 8 }, (_, i) => `Ana Owner: dueña ${i}`));
    expect(await outbound(mine)).toEqual(Array.from({ length: 8 }, (_, i) => `Carla Agent: carla ${i}`));
  });
});
