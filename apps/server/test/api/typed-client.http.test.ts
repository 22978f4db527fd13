import { CharlaApiError, CLIENT_ROUTES, createCharlaClient } from '@charla/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { makeKey } from './api-harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('packages/client, the typed client', () => {
  it('calls exactly the routes of the OpenAPI document, no more, no less', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const called = Object.values(CLIENT_ROUTES).map(([m, p]) => `${m} ${p}`);
    expect(called.sort()).toEqual(documented.sort());
  });

  it('sends, reads and lists over real HTTP, and throws the API’s error with its code and fields', async () => {
    const key = await makeKey(t, ['messages:write', 'contacts:write', 'conversations:read', 'channels:read']);
    const charla = createCharlaClient({ baseUrl: t.baseUrl, apiKey: key.key });
    const channels = await charla.channels.list();
    expect(channels.data[0]).toMatchObject({ kind: 'sandbox', status: 'connected' });

    const conv = await openConversation(t, '5215591000001', 'Hola');
    const sent = await charla.messages.send(
      { to: '+5215591000001', type: 'text', text: { body: 'Hola, ¿en qué te ayudo?' } },
      { idempotencyKey: 'client-1' },
    );
    expect(sent).toMatchObject({ status: 'queued', conversationId: conv.id });
    const again = await charla.messages.send(
      { to: '+5215591000001', type: 'text', text: { body: 'Hola, ¿en qué te ayudo?' } },
      { idempotencyKey: 'client-1' },
    );
    expect(again.id).toBe(sent.id);
    expect((await charla.messages.get(sent.id)).text).toBe('Hola, ¿en qué te ayudo?');
    expect((await charla.conversations.get(conv.id)).messages.map((m) => m.id)).toContain(sent.id);

    const error = await charla.contacts.create({ phone: '55 12AB' }).catch((e) => e);
    expect(error).toBeInstanceOf(CharlaApiError);
    expect(error).toMatchObject({ status: 422, code: 'invalid_phone' });
    expect(error.fields[0].path).toBe('phone');
  });
});
