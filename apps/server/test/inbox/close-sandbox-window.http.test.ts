import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  // `sync`: the simulator refuses a free-form send outside the window at once (131047), as Meta may.
  t = await createTestApp({
    simulator: { windowMode: 'sync' },
    config: ({ simulatorUrl }) => ({ GRAPH_API_BASE_URL: simulatorUrl }),
  });
});
afterAll(() => t?.close());

const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });

/** The customer writes from the simulator's phone, so both sides open the window. */
async function customerWritesFromPhone(phoneNumberId: string, waId: string, text: string) {
  t.simulator.sendAsCustomer({ phoneNumberId, waId, text, name: 'Lucía' });
  return t.waitFor(async () => {
    const [row] = await t.container.db.query<{ id: string }>(
      `SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
        JOIN messages m ON m.conversation_id = c.id AND m.text = $2 WHERE ct.wa_id = $1`,
      [waId, text],
    );
    return row?.id;
  }, `the conversation of ${waId}`);
}

async function simulatorWindowOpen(phoneNumberId: string, waId: string): Promise<boolean> {
  const res = await fetch(`${t.simulatorUrl}/_sim/numbers/${phoneNumberId}/customers/${waId}/chat`);
  return ((await res.json()) as { windowOpen: boolean }).windowOpen;
}

describe('sandbox: close the 24-hour window now', () => {
  it('closes the window in Charla and in the simulator: free-form replies are refused, templates only', async () => {
    const waId = '5215512340001';
    const id = await customerWritesFromPhone(t.sandbox.phoneNumberId, waId, 'Hola, ¿tienen envío?');
    const before = await api('GET', `/api/conversations/${id}`);
    expect(before.json().conversation.window.isOpen).toBe(true);
    expect(await simulatorWindowOpen(t.sandbox.phoneNumberId, waId)).toBe(true);

    const closed = await api('POST', `/api/conversations/${id}/close-window`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().window.isOpen).toBe(false);
    expect(Date.parse(closed.json().window.expiresAt)).toBeLessThanOrEqual(t.clock.now().getTime());

    const after = await api('GET', `/api/conversations/${id}`);
    expect(after.json().conversation.window.isOpen).toBe(false);
    const reply = await api('POST', `/api/conversations/${id}/messages`, {
      type: 'text',
      text: 'Sí, enviamos',
    });
    expect(reply.statusCode).toBe(422);
    expect(reply.json().error.code).toBe('window_closed');
    expect(reply.json().error.message).toMatch(/template/);

    // The simulator plays Meta: its own window for this customer is closed too.
    expect(await simulatorWindowOpen(t.sandbox.phoneNumberId, waId)).toBe(false);
    const [channel] = (await t.container.directory.all()).filter((c) => c.id === t.sandbox.id);
    const direct = await fetch(
      `${t.simulatorUrl}/${channel!.graphVersion}/${t.sandbox.phoneNumberId}/messages`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${channel!.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          to: waId,
          type: 'text',
          text: { body: 'Sí, enviamos' },
        }),
      },
    );
    expect(direct.status).toBe(400);
    expect(((await direct.json()) as { error: { code: number } }).error.code).toBe(131047);

    // When the customer writes again, the window opens again on both sides.
    await customerWritesFromPhone(t.sandbox.phoneNumberId, waId, 'Sigo aquí');
    const reopened = await api('POST', `/api/conversations/${id}/messages`, {
      type: 'text',
      text: 'Perfecto',
    });
    expect(reopened.statusCode).toBe(202);
  });

  it('refuses a real number: its window is Meta’s to keep', async () => {
    const phoneNumberId = `10${randomBytes(5).readUIntBE(0, 5) % 1e10}`;
    const number = {
      phoneNumberId,
      wabaId: `20${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
      accessToken: `EAAG${randomBytes(30).toString('base64url')}`,
      appSecret: randomBytes(16).toString('hex'),
      displayPhoneNumber: '15551230999',
      verifiedName: 'Tienda Real',
    };
    t.simulator.registerNumber({ ...number, webhookUrl: `${t.baseUrl}/webhooks/whatsapp` });
    const connected = await api('POST', '/api/channels', {
      phoneNumberId,
      wabaId: number.wabaId,
      accessToken: number.accessToken,
      appSecret: number.appSecret,
    });
    expect(connected.statusCode).toBe(200);
    expect(connected.json().kind).toBe('cloud');
    const waId = '5215512340002';
    const id = await customerWritesFromPhone(phoneNumberId, waId, 'Hola desde el número real');

    const res = await api('POST', `/api/conversations/${id}/close-window`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('not_sandbox');
    expect(res.json().error.message).toMatch(/sandbox/);
    const after = await api('GET', `/api/conversations/${id}`);
    expect(after.json().conversation.window.isOpen).toBe(true);
    expect(await simulatorWindowOpen(phoneNumberId, waId)).toBe(true);
  });
});
