import { type InboundMessage, parseWebhook, type WebhookUpdate } from '@charla/cloud-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './index';
import { CUSTOMER_WA_ID, createTestSimulator, NUMBER } from './test-support/sandbox-fixture';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from './test-support/webhook-receiver';

let simulator: Simulator;
let receiver: WebhookReceiver;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  simulator = createTestSimulator(receiver.url).simulator;
});
afterEach(async () => {
  await simulator.close();
  await receiver.close();
});

const BSUID = 'MX.1234567890123456789';
const PARENT = 'MX.ENT.9876543210987654321';
const customerPath = (waId: string) => `/_sim/numbers/${NUMBER.phoneNumberId}/customers/${waId}`;

async function call(method: 'POST' | 'PUT' | 'GET', url: string, body?: unknown) {
  const response = await simulator.app.inject({
    method,
    url,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    }),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

async function writeAs(waId: string, body: Record<string, unknown>): Promise<string> {
  const response = await call('POST', `${customerPath(waId)}/messages`, body);
  if (response.status !== 200) throw new Error(`customer send failed: ${JSON.stringify(response.body)}`);
  return response.body.wamid as string;
}

function send(body: Record<string, unknown>) {
  return simulator.app.inject({
    method: 'POST',
    url: `/v25.0/${NUMBER.phoneNumberId}/messages`,
    headers: { authorization: `Bearer ${NUMBER.accessToken}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ messaging_product: 'whatsapp', type: 'text', text: { body: 'Hola' }, ...body }),
  });
}

/** The raw `value` of the first webhook mentioning `text`, after checking Charla's parser accepts it. */
async function receiveValue(text: string, count = 1): Promise<Record<string, unknown>[]> {
  const webhooks = await receiver.waitFor((w: ReceivedWebhook) => w.rawBody.includes(text), count);
  return webhooks.map((webhook) => {
    expect(parseWebhook(webhook.json).ok).toBe(true);
    const body = webhook.json as { entry: { changes: { value: Record<string, unknown> }[] }[] };
    return body.entry[0]?.changes[0]?.value ?? {};
  });
}

async function receiveInbound(wamid: string): Promise<{ update: WebhookUpdate; message: InboundMessage }> {
  const [webhook] = await receiver.waitFor((w: ReceivedWebhook) => w.rawBody.includes(wamid));
  const parsed = parseWebhook(webhook?.json);
  if (!parsed.ok) throw new Error(parsed.reason);
  const update = parsed.updates[0];
  const message = update?.messages.find((m) => m.id === wamid);
  if (!update || !message) throw new Error('message not in webhook');
  return { update, message };
}

/** Every status webhook of `wamid` once `count` of them arrived: `statuses[0]` and `contacts`. */
async function receiveStatuses(wamid: string, count: number) {
  const values = await receiveValue(`"id":"${wamid}"`, count);
  return values.map((value) => ({
    status: (value.statuses as Record<string, unknown>[])[0] ?? {},
    contacts: value.contacts as Record<string, unknown>[] | undefined,
  }));
}

describe('customers with a business-scoped user id (BSUID)', () => {
  it('writes with from_user_id and a contact carrying user_id, parent_user_id and username, kept once given', async () => {
    const first = await writeAs(CUSTOMER_WA_ID, {
      text: 'Hola',
      name: 'Ana',
      userId: BSUID,
      parentUserId: PARENT,
      username: 'ana.tacos',
    });
    const [value] = await receiveValue(first);
    expect(value?.messages).toEqual([
      expect.objectContaining({
        from: CUSTOMER_WA_ID,
        from_user_id: BSUID,
        from_parent_user_id: PARENT,
        id: first,
      }),
    ]);
    expect(value?.contacts).toEqual([
      {
        profile: { name: 'Ana', username: 'ana.tacos' },
        wa_id: CUSTOMER_WA_ID,
        user_id: BSUID,
        parent_user_id: PARENT,
      },
    ]);

    const second = await writeAs(CUSTOMER_WA_ID, { text: '¿Siguen abiertos?' });
    const { update, message } = await receiveInbound(second);
    expect(message).toMatchObject({ from: CUSTOMER_WA_ID, from_user_id: BSUID });
    expect(update.contacts[0]).toMatchObject({ user_id: BSUID, profile: { username: 'ana.tacos' } });
    const listed = await call('GET', `/_sim/numbers/${NUMBER.phoneNumberId}/customers`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        waId: CUSTOMER_WA_ID,
        userId: BSUID,
        parentUserId: PARENT,
        username: 'ana.tacos',
      }),
    ]);
  });

  it('hides the phone of a username-only customer: no from, no wa_id, in messages and statuses', async () => {
    const wamid = await writeAs(CUSTOMER_WA_ID, {
      text: 'Hola',
      userId: BSUID,
      username: 'ana.tacos',
      usernameOnly: true,
    });
    const [value] = await receiveValue(wamid);
    const [message] = (value?.messages ?? []) as Record<string, unknown>[];
    expect(message).not.toHaveProperty('from');
    expect(message).toMatchObject({ from_user_id: BSUID });
    expect(value?.contacts).toEqual([
      { profile: { name: 'ana.tacos', username: 'ana.tacos' }, user_id: BSUID },
    ]);
    expect(JSON.stringify(value)).not.toContain(CUSTOMER_WA_ID);

    const reply = await send({ recipient: BSUID });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().contacts).toEqual([{ input: BSUID, user_id: BSUID }]);
    const sentWamid = reply.json().messages[0].id as string;
    const [sent] = await receiveStatuses(sentWamid, 1);
    expect(sent?.status).toMatchObject({ status: 'sent', recipient_id: BSUID, recipient_user_id: BSUID });
    expect(sent?.contacts).toEqual([
      { profile: { name: 'ana.tacos', username: 'ana.tacos' }, user_id: BSUID },
    ]);
  });

  it.each([
    ['a malformed userId', { userId: 'mx-123' }, 'userId must look like MX.'],
    ['a malformed parentUserId', { parentUserId: 'MX.123' }, 'parentUserId must look like MX.ENT.'],
    ['a username with spaces', { username: 'Ana T' }, 'username must be 3-35 characters'],
    ['a hidden phone without a BSUID', { usernameOnly: true }, 'needs a userId'],
  ])('refuses %s with 400 and leaves no customer behind', async (_label, fields, message) => {
    const response = await call('POST', `${customerPath(CUSTOMER_WA_ID)}/messages`, {
      text: 'Hola',
      ...fields,
    });
    expect(response.status).toBe(400);
    expect((response.body.error as { message: string }).message).toContain(message);
    expect((await call('GET', `/_sim/numbers/${NUMBER.phoneNumberId}/customers`)).body.items).toEqual([]);
  });

  it('keeps a BSUID to one customer and changes it only through an identity change', async () => {
    await writeAs(CUSTOMER_WA_ID, { text: 'Hola', userId: BSUID });
    const taken = await call('PUT', customerPath('5215599999999'), { userId: BSUID });
    expect(taken.status).toBe(400);
    expect((taken.body.error as { message: string }).message).toContain('belongs to another customer');
    const changed = await call('POST', `${customerPath(CUSTOMER_WA_ID)}/messages`, {
      text: 'x',
      userId: 'MX.111',
    });
    expect(changed.status).toBe(400);
    expect((changed.body.error as { message: string }).message).toContain('identity');
    const put = await call('PUT', customerPath(CUSTOMER_WA_ID), { username: 'ana_t', usernameOnly: true });
    expect(put.body).toMatchObject({ userId: BSUID, username: 'ana_t', usernameOnly: true });
  });
});

describe('sends to a BSUID (`recipient`)', () => {
  it('reaches the customer with that BSUID; statuses carry recipient_user_id and the BSUID as recipient_id', async () => {
    await writeAs(CUSTOMER_WA_ID, { text: 'Hola', userId: BSUID });
    const response = await send({ recipient: BSUID, text: { body: 'Por BSUID' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().contacts).toEqual([{ input: BSUID, wa_id: CUSTOMER_WA_ID, user_id: BSUID }]);
    const wamid = response.json().messages[0].id as string;
    expect(simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID).map((m) => m.text)).toEqual([
      'Hola',
      'Por BSUID',
    ]);
    const [sent, delivered] = await receiveStatuses(wamid, 2);
    for (const item of [sent, delivered]) {
      expect(item?.status).toMatchObject({ recipient_id: BSUID, recipient_user_id: BSUID });
      expect(item?.contacts?.[0]).toMatchObject({ wa_id: CUSTOMER_WA_ID, user_id: BSUID });
    }
    expect([sent?.status.status, delivered?.status.status]).toEqual(['sent', 'delivered']);

    // Sent to the phone, the status names the phone and still says which BSUID it is.
    const byPhone = await send({ to: `+${CUSTOMER_WA_ID}` });
    expect(byPhone.json().contacts).toEqual([{ input: `+${CUSTOMER_WA_ID}`, wa_id: CUSTOMER_WA_ID }]);
    const [phoneSent] = await receiveStatuses(byPhone.json().messages[0].id, 1);
    expect(phoneSent?.status).toMatchObject({ recipient_id: CUSTOMER_WA_ID, recipient_user_id: BSUID });
  });

  it('lets `to` win when both `to` and `recipient` are sent', async () => {
    await writeAs(CUSTOMER_WA_ID, { text: 'Hola', userId: BSUID });
    await writeAs('5215587654321', { text: 'Soy Luis' });
    const response = await send({ to: '+52 1 55 8765 4321', recipient: BSUID, text: { body: 'Para Luis' } });
    expect(response.json().contacts).toEqual([{ input: '+52 1 55 8765 4321', wa_id: '5215587654321' }]);
    expect(simulator.chat(NUMBER.phoneNumberId, '5215587654321').at(-1)?.text).toBe('Para Luis');
    expect(simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID).map((m) => m.text)).toEqual(['Hola']);
  });

  it('accepts a BSUID nobody has, then reports it failed with 131026 and no contacts', async () => {
    const unknown = 'CO.5550001112223334445';
    const response = await send({ recipient: unknown, biz_opaque_callback_data: 'order-7' });
    expect(response.statusCode).toBe(200);
    expect(response.json().contacts).toEqual([{ input: unknown, user_id: unknown }]);
    const wamid = response.json().messages[0].id as string;
    const [failed] = await receiveStatuses(wamid, 1);
    expect(failed?.contacts).toBeUndefined();
    expect(failed?.status).toMatchObject({
      status: 'failed',
      recipient_id: unknown,
      recipient_user_id: unknown,
      biz_opaque_callback_data: 'order-7',
      errors: [expect.objectContaining({ code: 131026 })],
    });
    expect(simulator.acceptedSends().at(-1)).toMatchObject({ wamid, userId: unknown });
  });

  it.each([
    ['no country', '1234567890'],
    ['lower-case country', 'mx.123'],
    ['a phone number', '+52 55 1234 5678'],
  ])('answers 400 code 100 naming `recipient` for a BSUID with %s', async (_label, recipient) => {
    const response = await send({ recipient });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 100,
      error_data: { details: "Invalid value for parameter 'recipient'." },
    });
  });

  it('refuses authentication templates to a BSUID with 131062 and sends them to the phone', async () => {
    await writeAs(CUSTOMER_WA_ID, { text: 'Hola', userId: BSUID });
    const created = await simulator.app.inject({
      method: 'POST',
      url: `/v25.0/${NUMBER.wabaId}/message_templates`,
      headers: { authorization: `Bearer ${NUMBER.accessToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        name: 'login_code',
        language: 'es',
        category: 'AUTHENTICATION',
        components: [{ type: 'BODY', text: 'Tu código de acceso es el que ves en la pantalla de tu app.' }],
      }),
    });
    expect(simulator.reviewTemplate(created.json().id)?.status).toBe('APPROVED');
    const template = { name: 'login_code', language: { code: 'es' } };
    const refused = await send({ recipient: BSUID, type: 'template', template });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 131062 });
    expect((await send({ to: CUSTOMER_WA_ID, type: 'template', template })).statusCode).toBe(200);
  });
});

describe('identity changes', () => {
  it('a number change comes from the old wa_id with a new BSUID; the customer then writes from the new number', async () => {
    await writeAs(CUSTOMER_WA_ID, { text: 'Hola', name: 'Ana', userId: BSUID, parentUserId: PARENT });
    simulator.closeWindow(NUMBER.phoneNumberId, CUSTOMER_WA_ID);
    const newWaId = '5215500001111';
    const changed = await call('POST', `${customerPath(CUSTOMER_WA_ID)}/identity`, {
      change: 'number',
      waId: newWaId,
    });
    expect(changed.status).toBe(200);
    const newBsuid = changed.body.userId as string;
    expect(newBsuid).toMatch(/^MX\.\d{19}$/);
    expect(newBsuid).not.toBe(BSUID);
    const [value] = await receiveValue(changed.body.wamid as string);
    expect(value).not.toHaveProperty('contacts');
    expect(value?.messages).toEqual([
      expect.objectContaining({
        from: CUSTOMER_WA_ID,
        from_user_id: BSUID,
        type: 'system',
        system: expect.objectContaining({ type: 'user_changed_number', wa_id: newWaId, user_id: newBsuid }),
      }),
    ]);
    // WhatsApp speaking does not reopen the window the customer left closed.
    const chat = await call('GET', `${customerPath(newWaId)}/chat`);
    expect(chat.body.windowOpen).toBe(false);
    expect((chat.body.messages as { from: string }[]).map((m) => m.from)).toEqual(['customer', 'customer']);

    const wamid = await writeAs(newWaId, { text: 'Ya tengo número nuevo' });
    const { update, message } = await receiveInbound(wamid);
    expect(message).toMatchObject({ from: newWaId, from_user_id: newBsuid, from_parent_user_id: PARENT });
    expect(update.contacts[0]).toMatchObject({ wa_id: newWaId, user_id: newBsuid, profile: { name: 'Ana' } });
    const listed = await call('GET', `/_sim/numbers/${NUMBER.phoneNumberId}/customers`);
    expect((listed.body.items as { waId: string }[]).map((c) => c.waId)).toEqual([newWaId]);
    expect((await send({ recipient: newBsuid })).json().contacts).toEqual([
      { input: newBsuid, wa_id: newWaId, user_id: newBsuid },
    ]);
  });

  it('a BSUID change comes without from, from the old BSUID; the customer then writes and is reached with the new one', async () => {
    await writeAs(CUSTOMER_WA_ID, { text: 'Hola', userId: BSUID, parentUserId: PARENT });
    const rotated = 'MX.5550000000000000001';
    const changed = simulator.changeCustomerIdentity(NUMBER.phoneNumberId, CUSTOMER_WA_ID, {
      change: 'user_id',
      userId: rotated,
    });
    expect(changed).toMatchObject({ waId: CUSTOMER_WA_ID, userId: rotated });
    const [value] = await receiveValue(changed.wamid);
    expect(value).not.toHaveProperty('contacts');
    const [system] = (value?.messages ?? []) as Record<string, unknown>[];
    expect(system).not.toHaveProperty('from');
    expect(system).toMatchObject({
      from_user_id: BSUID,
      type: 'system',
      system: { type: 'user_changed_user_id', user_id: rotated, parent_user_id: PARENT },
    });

    const wamid = await writeAs(CUSTOMER_WA_ID, { text: 'Sigo aquí' });
    expect((await receiveInbound(wamid)).message).toMatchObject({
      from: CUSTOMER_WA_ID,
      from_user_id: rotated,
    });
    expect((await send({ recipient: rotated })).json().contacts[0]).toMatchObject({ wa_id: CUSTOMER_WA_ID });
    const old = await send({ recipient: BSUID });
    const [failed] = await receiveStatuses(old.json().messages[0].id, 1);
    expect(failed?.status).toMatchObject({
      status: 'failed',
      errors: [expect.objectContaining({ code: 131026 })],
    });
  });

  it.each([
    ['an unknown customer', '5215599990000', { change: 'user_id' }, 'no customer'],
    ['a BSUID change without a BSUID', CUSTOMER_WA_ID, { change: 'user_id' }, 'no BSUID to change'],
    [
      'a number another customer has',
      CUSTOMER_WA_ID,
      { change: 'number', waId: '5215587654321' },
      'already belongs',
    ],
    ['a malformed new number', CUSTOMER_WA_ID, { change: 'number', waId: 'abc' }, 'waId must be 7-15 digits'],
  ])('answers 400 for %s', async (_label, waId, body, message) => {
    await writeAs(CUSTOMER_WA_ID, { text: 'Hola' });
    await writeAs('5215587654321', { text: 'Soy Luis' });
    const response = await call('POST', `${customerPath(waId)}/identity`, body);
    expect(response.status).toBe(400);
    expect((response.body.error as { message: string }).message).toContain(message);
  });
});
