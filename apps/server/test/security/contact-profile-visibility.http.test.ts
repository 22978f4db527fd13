import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

// The contact profile lists the contact's conversations with their last message: an agent the
// workspace limits to their own conversations sees there only what their inbox shows.
let t: TestApp;
let agent: Member;
let contactId: string;
let conversationId: string;
const secret = 'Mi número de tarjeta es 4111 1111 1111 1111';
beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Carla Agent');
  conversationId = await customerWrites(t, '5215566660001', secret);
  const [row] = await t.container.db.query<{ contact_id: string }>(
    'SELECT contact_id FROM conversations WHERE id = $1',
    [conversationId],
  );
  contactId = row!.contact_id;
  await t.app.inject({
    method: 'PATCH',
    url: '/api/workspace/settings',
    headers: { cookie: t.cookie },
    payload: { conversationVisibility: 'assigned' },
  });
});
afterAll(() => t?.close());

const profile = (cookie: string, method: 'GET' | 'PATCH' = 'GET') =>
  t.app.inject({
    method,
    url: `/api/contacts/${contactId}`,
    headers: { cookie },
    ...(method === 'PATCH' ? { payload: { tags: ['vip'] } } : {}),
  });

describe('contact profile', () => {
  it('hides from a restricted agent the conversation they may not see (no id, no last message) until it is theirs', async () => {
    for (const method of ['GET', 'PATCH'] as const) {
      const res = await profile(agent.cookie, method);
      expect(res.statusCode).toBe(200);
      expect(res.json().conversations).toEqual([]);
      expect(res.body).not.toContain(conversationId);
      expect(res.body).not.toContain('4111');
    }
    const owner = (await profile(t.cookie)).json();
    expect(owner.conversations).toMatchObject([{ id: conversationId, lastMessageText: secret }]);

    // Once the conversation is assigned to them, it shows.
    await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${conversationId}/assign`,
      headers: { cookie: t.cookie },
      payload: { assigneeUserId: agent.userId },
    });
    expect((await profile(agent.cookie)).json().conversations).toMatchObject([
      { id: conversationId, lastMessageText: secret },
    ]);
  });
});
