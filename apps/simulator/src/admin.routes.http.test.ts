import { CloudApiClient, CloudApiError } from '@charla/cloud-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from './index';
import { startWebhookReceiver, type WebhookReceiver } from './test-support/webhook-receiver';

const PHONE_ID = '777000111';
const WA_ID = '5215598765432';

let simulator: Simulator;
let receiver: WebhookReceiver;
let baseUrl: string;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  simulator = createSimulator({ statusDelaysMs: { sent: 1, delivered: 2 } });
  baseUrl = await simulator.listen({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await simulator.close();
  await receiver.close();
});

type ResponseBody = {
  ok?: boolean;
  wamid?: string;
  read?: number;
  messages?: unknown[];
  items?: unknown[];
  error?: { code: string; message: string };
};

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
  return { status: response.status, body: (await response.json()) as ResponseBody };
}

async function registerNumber(overrides: Record<string, unknown> = {}) {
  return call('PUT', `/_sim/numbers/${PHONE_ID}`, {
    displayPhoneNumber: '+52 55 5000 0002',
    wabaId: 'waba-9',
    accessToken: 'tok-9',
    appSecret: 'secret-9',
    webhookUrl: receiver.url,
    verifiedName: 'Panadería Sol',
    ...overrides,
  });
}

describe('admin and customer API over real HTTP', () => {
  it('registers a number idempotently and rejects a body without a webhook URL', async () => {
    expect(await registerNumber()).toEqual({ status: 200, body: { ok: true } });
    expect(await registerNumber({ verifiedName: 'Panadería Luna' })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const invalid = await call('PUT', `/_sim/numbers/${PHONE_ID}`, { displayPhoneNumber: '1' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.message).toContain('webhookUrl');
  });

  it('runs a conversation: customer writes, Charla’s client replies, the customer reads', async () => {
    await registerNumber();
    const inbound = await call('POST', `/_sim/numbers/${PHONE_ID}/customers/${WA_ID}/messages`, {
      text: 'Hola',
      name: 'Luis',
    });
    expect(inbound.body.wamid).toMatch(/^wamid\./);

    const client = new CloudApiClient({ baseUrl, version: 'v25.0', accessToken: 'tok-9' });
    const sent = await client.sendText(PHONE_ID, { to: `+${WA_ID}`, body: 'Hola Luis, ¿qué se te antoja?' });
    await expect(client.markRead(PHONE_ID, String(inbound.body.wamid))).resolves.toEqual({ success: true });
    await expect(client.getPhoneNumber(PHONE_ID)).resolves.toMatchObject({ verified_name: 'Panadería Sol' });
    await receiver.waitFor((w) => w.rawBody.includes('"delivered"'));

    expect((await call('POST', `/_sim/numbers/${PHONE_ID}/customers/${WA_ID}/read`)).body).toEqual({
      ok: true,
      read: 1,
    });
    const chat = await call('GET', `/_sim/numbers/${PHONE_ID}/customers/${WA_ID}/chat`);
    expect(chat.body.messages).toEqual([
      {
        wamid: inbound.body.wamid,
        from: 'customer',
        type: 'text',
        text: 'Hola',
        status: 'read',
        timestamp: expect.any(String),
      },
      {
        wamid: sent.messages[0]?.id,
        from: 'business',
        type: 'text',
        text: 'Hola Luis, ¿qué se te antoja?',
        status: 'read',
        content: { body: 'Hola Luis, ¿qué se te antoja?' },
        timestamp: expect.any(String),
      },
    ]);
    const customers = await call('GET', `/_sim/numbers/${PHONE_ID}/customers`);
    expect(customers.body.items).toEqual([{ waId: WA_ID, name: 'Luis', lastMessageAt: expect.any(String) }]);
  });

  it('surfaces Graph errors to the client as CloudApiError', async () => {
    await registerNumber();
    const client = new CloudApiClient({ baseUrl, version: 'v25.0', accessToken: 'wrong' });
    const error = await client.sendText(PHONE_ID, { to: `+${WA_ID}`, body: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({ httpStatus: 401, code: 190 });
  });

  it('answers 404 for customer calls on an unknown number', async () => {
    const response = await call('POST', `/_sim/numbers/nope/customers/${WA_ID}/messages`, { text: 'hola' });
    expect(response.status).toBe(404);
  });

  it('serves the phone page with the testable controls and the business name escaped', async () => {
    await registerNumber({ verifiedName: '</script><script>alert(1)</script>' });
    const response = await fetch(`${baseUrl}/phone/${PHONE_ID}`);
    const html = await response.text();
    expect(response.headers.get('content-type')).toContain('text/html');
    const ids = ['phone-name', 'phone-number', 'phone-start', 'phone-input', 'phone-send'];
    for (const id of [...ids, 'phone-attach', 'phone-voice', 'phone-location']) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    // Drawn per business bubble by the page script.
    expect(html).toContain("'phone-react'");
    expect(html).toContain("'phone-reply'");
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('innerHTML');
  });
});
