import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });

describe('one conversation through the simulator', () => {
  it('customer writes, agent answers, customer receives it with delivered and read ticks', async () => {
    const waId = '5215512345678';
    await t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId,
      name: 'María',
      text: 'Hola, ¿abren mañana?',
    });
    const conv = await t.waitFor(
      async () => (await api('GET', '/api/conversations')).json().items[0],
      'the conversation',
    );
    expect(conv.contact.name).toBe('María');
    expect(conv.lastMessage.text).toBe('Hola, ¿abren mañana?');
    expect(conv.unreadCount).toBe(1);

    expect((await api('POST', `/api/conversations/${conv.id}/read`)).statusCode).toBe(204);
    expect((await api('GET', '/api/conversations')).json().items[0].unreadCount).toBe(0);

    const reply = await api('POST', `/api/conversations/${conv.id}/messages`, { text: 'Sí, de 9 a 18 h.' });
    expect(reply.statusCode).toBe(202);
    expect(reply.json().status).toBe('queued');

    const chat = await t.waitFor(async () => {
      const c = t.simulator.chat(t.sandbox.phoneNumberId, waId);
      return c.some((m) => m.from === 'business' && m.text === 'Sí, de 9 a 18 h.') && c;
    }, 'the customer to receive the reply');
    expect(chat.filter((m) => m.from === 'business')).toHaveLength(1);

    const statusOf = async () =>
      (await api('GET', `/api/conversations/${conv.id}`))
        .json()
        .messages.find((m: { id: string }) => m.id === reply.json().id).status;
    await t.waitFor(async () => (await statusOf()) === 'delivered', 'delivered');
    await t.simulator.readAsCustomer(t.sandbox.phoneNumberId, waId);
    await t.waitFor(async () => (await statusOf()) === 'read', 'read');
  });

  it('refuses free-form text after the 24-hour window before it reaches Meta', async () => {
    const waId = '5215587654321';
    await t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId,
      name: 'Jorge',
      text: 'Buenas',
    });
    const conv = await t.waitFor(
      async () =>
        (await api('GET', '/api/conversations'))
          .json()
          .items.find((c: { contact: { waId: string } }) => c.contact.waId === waId),
      'the conversation',
    );
    expect(conv.window.isOpen).toBe(true);
    const sendsBefore = t.simulator.sends().length;

    t.clock.advance(25 * 3600_000);
    const thread = (await api('GET', `/api/conversations/${conv.id}`)).json();
    expect(thread.conversation.window.isOpen).toBe(false);

    const res = await api('POST', `/api/conversations/${conv.id}/messages`, { text: '¿Sigue interesado?' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('window_closed');
    expect(res.json().error.message).toMatch(/24 hours.*template/);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.simulator.sends().length).toBe(sendsBefore);
    const after = (await api('GET', `/api/conversations/${conv.id}`)).json();
    expect(after.messages.filter((m: { direction: string }) => m.direction === 'outbound')).toHaveLength(0);
  });

  it('rejects an empty or oversized reply with the field and the limit', async () => {
    const conv = (await api('GET', '/api/conversations')).json().items[0];
    const empty = await api('POST', `/api/conversations/${conv.id}/messages`, { text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0].path).toBe('text');
    const long = await api('POST', `/api/conversations/${conv.id}/messages`, { text: 'a'.repeat(4097) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('4096');
  });

  it('answers 404 for a conversation of another workspace or that does not exist', async () => {
    const res = await api('GET', '/api/conversations/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });
});
