import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const api = (method: 'GET' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });

/** The customer's phone (the simulator) writes `text`; resolves once Charla stored it. */
async function customerWrites(from: string, text: string): Promise<string> {
  t.simulator.sendAsCustomer({ phoneNumberId: t.sandbox.phoneNumberId, waId: from, name: 'Lucía', text });
  return t.waitFor(async () => {
    const [row] = await t.container.db.query<{ id: string }>(
      `SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
        JOIN messages m ON m.conversation_id = c.id AND m.text = $2 WHERE ct.wa_id = $1`,
      [from, text],
    );
    return row?.id;
  }, `"${text}" from ${from}`);
}

/** A new customer (own number) says hello, then `text`; resolves with their contact and conversation. */
async function customerSays(text: string) {
  const from = `34600${String(++n).padStart(6, '0')}`;
  const conversationId = await customerWrites(from, 'Hola');
  await customerWrites(from, text);
  const [row] = await t.container.db.query<{ contact_id: string }>(
    'SELECT contact_id FROM conversations WHERE id = $1',
    [conversationId],
  );
  return { from, conversationId, contactId: row!.contact_id };
}

const optInOf = async (contactId: string) => (await api('GET', `/api/contacts/${contactId}`)).json().optIn;
/** Texts the customer's phone received (sent through the simulator). */
const textsTo = (to: string) =>
  t.simulator
    .sends(t.sandbox.phoneNumberId)
    .map((s) => s.body as { to?: string; text?: { body: string } })
    .filter((b) => b.to?.replace('+', '') === to && b.text)
    .map((b) => b.text!.body);

describe('opt-out keywords', () => {
  it.each(['STOP', 'BAJA', 'ALTO', 'CANCELAR', 'UNSUBSCRIBE', 'stop', ' Baja. ', 'cancelár', 'Unsubscribe!'])(
    '"%s" alone opts the customer out, with a confirmation',
    async (text) => {
      const c = await customerSays(text);
      const optIn = await t.waitFor(async () => {
        const o = await optInOf(c.contactId);
        return o.state === 'opted_out' && o;
      }, 'opted out');
      expect(optIn.source).toBe('customer_keyword');
      expect(Date.parse(optIn.at)).not.toBeNaN();
      // The owner's language (Spanish) answers, naming how to come back.
      await t.waitFor(async () => textsTo(c.from).length === 1, 'the confirmation on the phone');
      expect(textsTo(c.from)[0]).toContain('responde START');
    },
  );

  it('does not act on a keyword inside a sentence', async () => {
    const c = await customerSays('quiero darme de baja de la promo pero no del pedido');
    const d = await customerSays('please stop calling me at night');
    await new Promise((r) => setTimeout(r, 300));
    expect((await optInOf(c.contactId)).state).toBe('unknown');
    expect((await optInOf(d.contactId)).state).toBe('unknown');
    expect(textsTo(c.from)).toEqual([]);
  });

  it('opts back in with START / ALTA / SUSCRIBIR and shows both in the conversation history', async () => {
    for (const back of ['START', 'alta', 'Suscribir']) {
      const c = await customerSays('BAJA');
      await t.waitFor(async () => (await optInOf(c.contactId)).state === 'opted_out', 'opted out');
      await customerWrites(c.from, back);
      await t.waitFor(async () => (await optInOf(c.contactId)).state === 'opted_in', `${back} opts in`);
      const thread = (await api('GET', `/api/conversations/${c.conversationId}`)).json();
      const consent = thread.events.filter((e: { kind: string }) => e.kind === 'consent');
      expect(consent.map((e: { to: string; note: string }) => [e.to, e.note])).toEqual([
        ['opted_out', 'customer_keyword'],
        ['opted_in', 'customer_keyword'],
      ]);
      await t.waitFor(async () => textsTo(c.from).length === 2, 'both confirmations');
    }
  });

  it('uses the keywords and reply setting of the workspace', async () => {
    const bad = await api('PATCH', '/api/workspace/settings', {
      optOutKeywords: ['STOP'],
      optInKeywords: ['stop'],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('keyword_in_both_lists');
    const ok = await api('PATCH', '/api/workspace/settings', {
      optOutKeywords: ['No más', 'Cancelación'],
      optOutAutoReply: false,
    });
    expect(ok.json()).toMatchObject({ optOutKeywords: ['No más', 'Cancelación'], optOutAutoReply: false });
    const c = await customerSays('NO MAS');
    const d = await customerSays('cancelacion');
    const e = await customerSays('STOP');
    await t.waitFor(async () => (await optInOf(c.contactId)).state === 'opted_out', 'custom keyword');
    await t.waitFor(async () => (await optInOf(d.contactId)).state === 'opted_out', 'accents ignored');
    await new Promise((r) => setTimeout(r, 300));
    expect((await optInOf(e.contactId)).state).toBe('unknown');
    expect(textsTo(c.from)).toEqual([]);
    await api('PATCH', '/api/workspace/settings', {
      optOutKeywords: ['STOP', 'BAJA', 'ALTO', 'CANCELAR', 'UNSUBSCRIBE'],
      optOutAutoReply: true,
    });
  });
});

describe("Meta's user_preferences webhook", () => {
  const preferences = (waId: string, value: string) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: t.sandbox.wabaId,
          changes: [
            {
              field: 'user_preferences',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550100100', phone_number_id: t.sandbox.phoneNumberId },
                contacts: [{ profile: { name: 'Lucía' }, wa_id: waId }],
                user_preferences: [
                  {
                    wa_id: waId,
                    detail: 'User requested to stop marketing messages',
                    category: 'marketing_messages',
                    value,
                    timestamp: 1731705721,
                  },
                ],
              },
            },
          ],
        },
      ],
    });

  it('stop opts the contact out (source whatsapp), resume back in, in the history too', async () => {
    const c = await customerSays('Hola de nuevo');
    expect((await t.postWebhook(preferences(c.from, 'stop'))).statusCode).toBe(200);
    const optIn = await t.waitFor(async () => {
      const o = await optInOf(c.contactId);
      return o.state === 'opted_out' && o;
    }, 'opted out by Meta');
    expect(optIn).toEqual({
      state: 'opted_out',
      source: 'whatsapp',
      at: new Date(1731705721_000).toISOString(),
    });
    await t.postWebhook(preferences(c.from, 'resume'));
    await t.waitFor(async () => (await optInOf(c.contactId)).state === 'opted_in', 'resumed');
    const thread = (await api('GET', `/api/conversations/${c.conversationId}`)).json();
    expect(
      thread.events.filter((e: { kind: string }) => e.kind === 'consent').map((e: { to: string }) => e.to),
    ).toEqual(['opted_out', 'opted_in']);
    // Nothing is sent back for Meta's own opt-out.
    expect(textsTo(c.from)).toEqual([]);
  });

  it('remembers the choice of a number that never wrote', async () => {
    await t.postWebhook(preferences('34600999999', 'stop'));
    const contact = await t.waitFor(async () => {
      const [row] = await t.container.db.query<{ opt_in_state: string; opt_in_source: string }>(
        `SELECT opt_in_state, opt_in_source FROM contacts WHERE wa_id = '34600999999'`,
      );
      return row;
    }, 'the new contact');
    expect(contact).toEqual({ opt_in_state: 'opted_out', opt_in_source: 'whatsapp' });
  });
});
