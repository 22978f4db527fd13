import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, customerWrites, type Member } from '../harness/members';
import { inboundTextWebhook } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let agent: Member;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const api = (method: Method, url: string, payload?: object, cookie = t.cookie) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** B writes from WhatsApp at a given time; resolves with B's conversation id. */
async function bWrites(text: string, at: Date, from = '5215512340000'): Promise<string> {
  await t.postWebhook(
    inboundTextWebhook({ phoneNumberId: t.sandbox.phoneNumberId, from, text, name: 'Mari', at }),
  );
  return t.waitFor(async () => {
    const [row] = await t.container.db.query<{ conversation_id: string }>(
      'SELECT conversation_id FROM messages WHERE text = $1',
      [text],
    );
    return row?.conversation_id;
  }, text);
}

let workspaceId: string;
let channelId: string;
let contactA: string;
let convA: string;

beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Pablo Agente');
  const [ch] = await t.container.db.query<{ id: string; workspace_id: string }>(
    'SELECT id, workspace_id FROM channels LIMIT 1',
  );
  channelId = ch!.id;
  workspaceId = ch!.workspace_id;
  // A: imported with another number of hers (her shop's line; the same number in any form would
  // already be her contact, see phone-matching.http.test.ts), sent a campaign on it: a
  // conversation with outbound messages only.
  const [a] = await t.container.db.query<{ id: string }>(
    `INSERT INTO contacts (workspace_id, name, phone, wa_id, tags, attributes, notes, opt_in_state, opt_in_source)
     VALUES ($1, 'María López', '+525550001111', '525550001111', '{vip}', '{"plan":"Pro"}', 'Importada', 'opted_in', 'import')
     RETURNING id`,
    [workspaceId],
  );
  contactA = a!.id;
  const [c] = await t.container.db.query<{ id: string }>(
    `INSERT INTO conversations (workspace_id, channel_id, contact_id, status, last_activity_at)
     VALUES ($1, $2, $3, 'resolved', $4) RETURNING id`,
    [workspaceId, channelId, contactA, minutesAgo(30)],
  );
  convA = c!.id;
  for (const [text, m] of [
    ['A1 campaña', 50],
    ['A2 recordatorio', 30],
  ] as const)
    await t.container.db.query(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, status, occurred_at)
       VALUES ($1, $2, $3, 'outbound', 'text', $4, $5::jsonb, 'delivered', $6)`,
      [workspaceId, convA, channelId, text, JSON.stringify({ type: 'text', text }), minutesAgo(m)],
    );
});
afterAll(() => t?.close());

const contactIdOf = async (conversationId: string) =>
  (await api('GET', `/api/conversations/${conversationId}`)).json().conversation.contact.id as string;

describe('merging contacts', () => {
  it('joins both threads in time order, keeps every message, and B’s WhatsApp id lands on A', async () => {
    // B: the same person writing from WhatsApp (created by the webhook), interleaved with A's messages.
    const convB = await bWrites('B1 hola', minutesAgo(40));
    await bWrites('B2 ¿y mi pedido?', minutesAgo(20));
    const contactB = await contactIdOf(convB);
    expect(contactB).not.toBe(contactA);
    await api('PATCH', `/api/contacts/${contactB}`, {
      tags: ['lead'],
      attributes: {},
      notes: 'Escribe de noche',
    });
    await api('POST', `/api/conversations/${convB}/notes`, { body: 'Nota en B' });
    const label = (await api('POST', '/api/labels', { name: 'Pedido', color: 'blue' })).json();
    await api('PUT', `/api/conversations/${convB}/labels/${label.id}`);

    expect(
      (
        await api(
          'GET',
          `/api/contacts/${contactA}/merge-preview?sourceId=${contactB}`,
          undefined,
          agent.cookie,
        )
      ).statusCode,
    ).toBe(403);
    const preview = (await api('GET', `/api/contacts/${contactA}/merge-preview?sourceId=${contactB}`)).json();
    expect(preview).toMatchObject({
      movedConversations: 1,
      movedMessages: 2,
      joinedChannels: [expect.any(String)],
      result: {
        name: 'María López',
        phone: '+525550001111',
        waId: '5215512340000',
        tags: ['vip', 'lead'],
        notes: 'Importada\n\nEscribe de noche',
        optIn: { state: 'opted_in' },
      },
    });

    const merged = await api('POST', `/api/contacts/${contactA}/merge`, { sourceId: contactB });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ id: contactA, waId: '5215512340000', tags: ['vip', 'lead'] });
    expect(merged.json().conversations.map((c: { id: string }) => c.id)).toEqual([convA]);
    expect((await api('GET', `/api/contacts/${contactB}`)).statusCode).toBe(404);
    expect((await api('GET', `/api/conversations/${convB}`)).statusCode).toBe(404);

    const thread = (await api('GET', `/api/conversations/${convA}`)).json();
    expect(thread.messages.map((m: { text: string }) => m.text)).toEqual([
      'A1 campaña',
      'B1 hola',
      'A2 recordatorio',
      'B2 ¿y mi pedido?',
    ]);
    expect(thread.notes.map((n: { body: string }) => n.body)).toEqual(['Nota en B']);
    expect(thread.conversation).toMatchObject({
      status: 'open',
      labels: [{ name: 'Pedido' }],
      unreadCount: 2,
    });
    expect(thread.events.filter((e: { kind: string }) => e.kind === 'merged')).toEqual([
      expect.objectContaining({ from: 'Mari', to: 'María López' }),
    ]);

    // The customer writes again from the WhatsApp id that was B's: it lands in A's thread.
    const again = await customerWrites(t, '5215512340000', 'B3 sigo aquí');
    expect(again).toBe(convA);
    const after = (await api('GET', `/api/conversations/${convA}`)).json();
    expect(after.messages.map((m: { text: string }) => m.text).at(-1)).toBe('B3 sigo aquí');
    expect(after.conversation.contact.id).toBe(contactA);
  });

  it('refuses two different WhatsApp accounts; merges a hand-typed contact, its opt-out winning', async () => {
    const c1 = await customerWrites(t, '34611000001', 'Hola desde uno');
    const c2 = await customerWrites(t, '34611000002', 'Hola desde dos');
    const refused = await api('POST', `/api/contacts/${await contactIdOf(c1)}/merge`, {
      sourceId: await contactIdOf(c2),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('different_whatsapp_accounts');
    expect((await api('GET', `/api/conversations/${c2}`)).json().messages).toHaveLength(1);

    // A contact with no conversation (typed in by hand) merges into one that wrote.
    const [d] = await t.container.db.query<{ id: string }>(
      `INSERT INTO contacts (workspace_id, name, tags, opt_in_state, opt_in_source) VALUES ($1, 'Uno', '{cliente}', 'opted_out', 'agent') RETURNING id`,
      [workspaceId],
    );
    const res = await api('POST', `/api/contacts/${await contactIdOf(c1)}/merge`, { sourceId: d!.id });
    expect(res.json()).toMatchObject({
      tags: ['cliente'],
      optIn: { state: 'opted_out' },
      waId: '34611000001',
    });
    const same = await api('POST', `/api/contacts/${d!.id}/merge`, { sourceId: d!.id });
    expect(same.statusCode).toBe(400);
  });
});
