import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
let secondId: string;

beforeAll(async () => {
  // Connecting a number checks it with Meta: here the simulator plays Meta.
  t = await createTestApp({ config: ({ simulatorUrl }) => ({ GRAPH_API_BASE_URL: simulatorUrl }) });
  const number = {
    phoneNumberId: `50${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
    wabaId: `60${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
    accessToken: `EAAG${randomBytes(30).toString('base64url')}`,
    appSecret: randomBytes(16).toString('hex'),
  };
  t.simulator.registerNumber({
    ...number,
    displayPhoneNumber: '15550001111',
    verifiedName: 'Tienda Norte',
    webhookUrl: `${t.baseUrl}/webhooks/whatsapp`,
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/channels',
    headers: { cookie: t.cookie },
    payload: number,
  });
  expect(res.statusCode, res.body).toBe(200);
  secondId = res.json().id;
});
afterAll(() => t?.close());

describe('a workspace with two numbers', () => {
  it('asks which number sends when none is named, even to a customer with a conversation on one of them', async () => {
    await openConversation(t, '5215593000001', 'Hola');
    const v1 = v1Of(t, (await makeKey(t, ['messages:write'])).key);
    const text = { to: '+5215593000001', type: 'text', text: { body: 'Hola' } };
    const unnamed = await v1('POST', '/api/v1/messages', text);
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().error).toMatchObject({ code: 'channel_required', fields: [{ path: 'channel' }] });
    expect(unnamed.json().error.message).toContain(secondId);
    const named = await v1('POST', '/api/v1/messages', { ...text, channel: t.sandbox.id });
    expect(named.statusCode, named.body).toBe(202);
  });
});
