import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './index';
import { CUSTOMER_WA_ID, createTestSimulator, NUMBER, sendTextRequest } from './test-support/sandbox-fixture';

// Nothing listens here: these tests only look at the synchronous Graph answers.
const DEAD_WEBHOOK = 'http://127.0.0.1:9/unused';

let simulator: Simulator;

beforeEach(() => {
  simulator = createTestSimulator(DEAD_WEBHOOK, { webhookRetryDelaysMs: [] }).simulator;
  simulator.sendAsCustomer({
    phoneNumberId: NUMBER.phoneNumberId,
    waId: CUSTOMER_WA_ID,
    text: 'hola',
    name: 'Ana',
  });
});
afterEach(() => simulator.close());

async function post(request: InjectOptions) {
  const response = await simulator.app.inject(request);
  return { status: response.statusCode, body: response.json() };
}

describe('Graph auth', () => {
  it.each([
    ['a wrong token', { authorization: 'Bearer nope' }],
    ['no authorization header', {}],
  ])('answers 401 code 190 OAuthException for %s', async (_label, headers) => {
    const request = {
      ...sendTextRequest({ text: { body: 'x' } }),
      headers: { ...headers, 'content-type': 'application/json' },
    };
    const { status, body } = await post(request);
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    expect(body.error.fbtrace_id).toEqual(expect.any(String));
  });

  it('answers 400 code 100 for a number it does not know', async () => {
    const request = { ...sendTextRequest({ text: { body: 'x' } }), url: '/v23.0/999/messages' };
    const { status, body } = await post(request);
    expect(status).toBe(400);
    expect(body.error.code).toBe(100);
    expect(body.error.message).toContain("Object with ID '999' does not exist");
  });

  it('rejects an expired Graph version such as v19.0', async () => {
    const { status, body } = await post(
      sendTextRequest({ text: { body: 'x' } }, NUMBER.accessToken, 'v19.0'),
    );
    expect(status).toBe(400);
    expect(body.error.message).toContain('deprecated version');
  });
});

describe('POST /messages validation', () => {
  it.each([
    [
      'missing messaging_product',
      { messaging_product: undefined, text: { body: 'x' } },
      100,
      'messaging_product',
    ],
    ['an unknown type', { type: 'hologram' }, 131051, 'not currently supported'],
    ['missing text.body', { text: {} }, 131008, "text['body']"],
    [
      'a body over 4096 characters',
      { text: { body: 'a'.repeat(4097) } },
      100,
      "text['body'] must be at most 4096",
    ],
    [
      'the number itself as recipient',
      { to: NUMBER.displayPhoneNumber, text: { body: 'x' } },
      131021,
      'same',
    ],
    ['a missing recipient', { to: undefined, text: { body: 'x' } }, 131008, 'to'],
    ['letters in the recipient', { to: '+52 55 CALL ME', text: { body: 'x' } }, 100, "'to'"],
  ])('answers %s in Meta’s error envelope', async (_label, body, code, detailsPart) => {
    const response = await post(sendTextRequest(body));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code, type: 'OAuthException' });
    expect(response.body.error.message).toMatch(new RegExp(`^\\(#${code}\\) `));
    expect(response.body.error.error_data.details).toContain(detailsPart);
  });

  it('answers a body that is not JSON with code 100 instead of crashing', async () => {
    const { status, body } = await post({ ...sendTextRequest({}), payload: '{not json' });
    expect(status).toBe(400);
    expect(body.error.code).toBe(100);
  });
});

describe('POST /messages success', () => {
  it('echoes the recipient exactly as sent and returns digits as wa_id with a wamid', async () => {
    const { status, body } = await post(
      sendTextRequest({ to: '+52 (1) 55-1234-5678', text: { body: 'Hola Ana' } }),
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+52 (1) 55-1234-5678', wa_id: CUSTOMER_WA_ID }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
  });

  it('answers with the wa_id WhatsApp uses when the number is written in another form of it', async () => {
    // Ana's wa_id keeps Mexico's old mobile 1; the business writes her number without it.
    const { status, body } = await post(
      sendTextRequest({ to: '+52 55 1234 5678', text: { body: 'Hola Ana' } }),
    );
    expect(status).toBe(200);
    expect(body.contacts).toEqual([{ input: '+52 55 1234 5678', wa_id: CUSTOMER_WA_ID }]);
    expect(simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID).map((m) => m.text)).toContain('Hola Ana');
  });

  it('has no idempotency: the same POST twice creates two messages', async () => {
    const first = await post(sendTextRequest({ text: { body: 'Pedido listo' } }));
    const second = await post(sendTextRequest({ text: { body: 'Pedido listo' } }));
    expect(first.body.messages[0].id).not.toBe(second.body.messages[0].id);
    const businessTexts = simulator
      .chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID)
      .filter((m) => m.from === 'business');
    expect(businessTexts.map((m) => m.text)).toEqual(['Pedido listo', 'Pedido listo']);
  });

  it('logs every POST that reached it, accepted or not, with the raw body and status', async () => {
    const request = sendTextRequest({ text: { body: 'uno' } });
    await post(request);
    await post({ ...request, headers: { authorization: 'Bearer nope', 'content-type': 'application/json' } });
    const response = await simulator.app.inject({ url: `/_sim/sends?phoneNumberId=${NUMBER.phoneNumberId}` });
    const { items } = response.json();
    expect(items.map((i: { responseStatus: number }) => i.responseStatus)).toEqual([200, 401]);
    expect(items[0].rawBody).toBe(request.payload);
    expect(items[0].path).toBe(`/v23.0/${NUMBER.phoneNumberId}/messages`);
    const other = await simulator.app.inject({ url: '/_sim/sends?phoneNumberId=someone-else' });
    expect(other.json().items).toEqual([]);
  });
});

describe('mark as read and phone number', () => {
  it('marks an inbound message read and rejects an unknown id with code 100', async () => {
    const [inbound] = simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID);
    const ok = await post({
      ...sendTextRequest({}),
      payload: JSON.stringify({ messaging_product: 'whatsapp', status: 'read', message_id: inbound?.wamid }),
    });
    expect(ok).toEqual({ status: 200, body: { success: true } });
    expect(simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID)[0]?.status).toBe('read');

    const unknown = await post({
      ...sendTextRequest({}),
      payload: JSON.stringify({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.nope' }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe(100);
  });

  it('describes the phone number, with the same auth rules', async () => {
    const url = `/v23.0/${NUMBER.phoneNumberId}?fields=display_phone_number,verified_name,quality_rating`;
    const ok = await simulator.app.inject({
      url,
      headers: { authorization: `Bearer ${NUMBER.accessToken}` },
    });
    expect(ok.json()).toEqual({
      id: NUMBER.phoneNumberId,
      display_phone_number: NUMBER.displayPhoneNumber,
      verified_name: 'Tacos Ana',
      quality_rating: 'GREEN',
    });
    const denied = await simulator.app.inject({ url, headers: { authorization: 'Bearer nope' } });
    expect(denied.statusCode).toBe(401);
    expect(denied.json().error.code).toBe(190);
  });
});
