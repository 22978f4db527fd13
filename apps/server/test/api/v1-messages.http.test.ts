import type { Template, Thread } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate } from '../templates/template-fixtures';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
let v1: ReturnType<typeof v1Of>;
let template: Template;

beforeAll(async () => {
  t = await createTestApp({
    simulator: { templateReviewMs: 50 },
    config: { API_RATE_LIMIT_PER_MINUTE: '500' },
  });
  template = await approvedTemplate(t);
  v1 = v1Of(t, (await makeKey(t, ['messages:write'], 'Tienda online')).key);
});
afterAll(() => t?.close());

const sendsTo = (to: string) =>
  t.simulator.sends(t.sandbox.phoneNumberId).filter((s) => (s.body as { to?: string }).to === to);

const orderTemplate = (to: string) => ({
  to,
  type: 'template',
  template: {
    name: template.name,
    language: { code: template.language },
    components: [
      { type: 'header', parameters: [{ type: 'text', text: '7781', parameter_name: 'order_number' }] },
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'Lucía', parameter_name: 'first_name' },
          { type: 'text', text: '7781', parameter_name: 'order_number' },
        ],
      },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'pedido%2F7781' }] },
    ],
  },
});

describe('POST /api/v1/messages', () => {
  it("sends Meta's text shape to a customer who wrote: 202, it reaches WhatsApp and the thread names the key", async () => {
    const conv = await openConversation(t, '5215544440001', 'Hola, ¿tienen envío?');
    const res = await v1('POST', '/api/v1/messages', {
      messaging_product: 'whatsapp',
      to: '+5215544440001',
      type: 'text',
      text: { body: 'Sí, enviamos a todo México 🚚' },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', conversationId: conv.id });
    await t.waitFor(async () => sendsTo('+5215544440001').length === 1, 'the text to reach WhatsApp');
    expect(sendsTo('+5215544440001')[0]!.body).toMatchObject({
      type: 'text',
      text: { body: 'Sí, enviamos a todo México 🚚' },
    });
    const thread: Thread = await apiOf(t).thread(conv.id);
    const sent = thread.messages.find((m) => m.id === res.json().id)!;
    expect(sent.automatedBy).toEqual({ kind: 'api', id: expect.any(String), name: 'Tienda online' });
    expect(sent.senderName ?? null).toBeNull();
  });

  it('sends a template by name and language to a new number: the contact and conversation are made, the customer gets the values', async () => {
    const res = await v1('POST', '/api/v1/messages', orderTemplate('+52 1 55 4444 0002'));
    expect(res.statusCode, res.body).toBe(202);
    const thread: Thread = await apiOf(t).thread(res.json().conversationId);
    expect(thread.conversation.contact.phone).toBe('+525544440002');
    expect(thread.messages[0]!.content).toMatchObject({
      type: 'template',
      template: { body: 'Hola Lucía, tu pedido 7781 ya está en camino a tu casa.' },
    });
    await t.waitFor(async () => sendsTo('+525544440002').length === 1, 'the template to reach WhatsApp');
    const got = await v1Of(t, (await makeKey(t, ['messages:read'])).key)(
      'GET',
      `/api/v1/messages/${res.json().id}`,
    );
    expect(got.statusCode, got.body).toBe(200);
    await t.waitFor(async () => {
      const m = (
        await v1Of(t, (await makeKey(t, ['messages:read'])).key)('GET', `/api/v1/messages/${res.json().id}`)
      ).json();
      return m.wamid !== null && m.status !== 'queued';
    }, 'the wamid');
  });

  it('refuses free-form text outside the 24-hour window with a clear 422, sending nothing', async () => {
    const res = await v1('POST', '/api/v1/messages', {
      to: '+5215544440003',
      type: 'text',
      text: { body: 'Hola' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('window_closed');
    expect(res.json().error.message).toMatch(/approved template/);
    expect(sendsTo('+5215544440003')).toEqual([]);
  });

  it('answers 400 naming each field that is wrong', async () => {
    const res = await v1('POST', '/api/v1/messages', { to: '', type: 'text', text: { body: '' } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['to', 'text.body']));
    const type = await v1('POST', '/api/v1/messages', { to: '+5215544440004', type: 'fax', fax: {} });
    expect(type.statusCode).toBe(400);
    expect(type.json().error.fields[0].path).toBe('type');
    const phone = await v1('POST', '/api/v1/messages', { to: '55 12AB', type: 'text', text: { body: 'x' } });
    expect(phone.statusCode).toBe(422);
    expect(phone.json().error).toMatchObject({ code: 'invalid_phone', fields: [{ path: 'to' }] });
    const unknownTemplate = await v1('POST', '/api/v1/messages', {
      to: '+5215544440004',
      type: 'template',
      template: { name: 'no_such_template', language: { code: 'es' } },
    });
    expect(unknownTemplate.statusCode).toBe(422);
    expect(unknownTemplate.json().error).toMatchObject({
      code: 'template_not_found',
      fields: [{ path: 'template.name' }],
    });
    const link = await v1('POST', '/api/v1/messages', {
      to: '+5215544440004',
      type: 'image',
      image: { link: 'https://example.com/a.jpg' },
    });
    expect(link.statusCode).toBe(422);
    expect(link.json().error).toMatchObject({
      code: 'media_link_not_supported',
      fields: [{ path: 'image.link' }],
    });
  });

  it('answers 403 to a key without messages:write', async () => {
    const reader = await makeKey(t, ['messages:read']);
    const res = await v1Of(t, reader.key)('POST', '/api/v1/messages', orderTemplate('+5215544440005'));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('messages:write');
    expect(sendsTo('+5215544440005')).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('sent twice answers the first result and sends once; with another body it is 409', async () => {
    const headers = { 'idempotency-key': 'order-7781-confirmation' };
    const first = await v1('POST', '/api/v1/messages', orderTemplate('+5215544440006'), headers);
    const again = await v1('POST', '/api/v1/messages', orderTemplate('+5215544440006'), headers);
    expect(first.statusCode, first.body).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await v1('POST', '/api/v1/messages', orderTemplate('+5215544440007'), headers);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    await t.waitFor(async () => sendsTo('+525544440006').length > 0, 'the template');
    const stored = await t.container.db.query('SELECT id FROM messages WHERE id = $1', [first.json().id]);
    expect(stored).toHaveLength(1);
    expect(sendsTo('+525544440006')).toHaveLength(1);
  });

  it('sent ten times at once sends one message, and every answer names it', async () => {
    const headers = { 'idempotency-key': 'concurrent-1' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        v1('POST', '/api/v1/messages', orderTemplate('+5215544440008'), headers),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(202));
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    await t.waitFor(async () => sendsTo('+525544440008').length > 0, 'the template');
    const rows = await t.container.db.query(
      `SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
         JOIN contacts ct ON ct.id = c.contact_id WHERE ct.phone = '+525544440008'`,
    );
    expect(rows).toHaveLength(1);
    expect(sendsTo('+525544440008')).toHaveLength(1);
  });

  it('a request that died after storing its message (before keeping the answer) is finished by its retry without a twin', async () => {
    const headers = { 'idempotency-key': 'died-half-way' };
    const first = await v1('POST', '/api/v1/messages', orderTemplate('+5215544440010'), headers);
    expect(first.statusCode, first.body).toBe(202);
    // As if the process died between storing the message and keeping the answer, a minute ago.
    await t.container.db.query(
      `UPDATE api_idempotency SET status = NULL, response = NULL, created_at = $2 WHERE key = $1`,
      ['died-half-way', new Date(t.clock.now().getTime() - 60_000)],
    );
    const retry = await v1('POST', '/api/v1/messages', orderTemplate('+5215544440010'), headers);
    expect(retry.statusCode, retry.body).toBe(202);
    expect(retry.json().id).toBe(first.json().id);
    await t.waitFor(async () => sendsTo('+525544440010').length > 0, 'the template');
    const rows = await t.container.db.query(
      `SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
         JOIN contacts ct ON ct.id = c.contact_id WHERE ct.phone = '+525544440010'`,
    );
    expect(rows).toHaveLength(1);
    expect(sendsTo('+525544440010')).toHaveLength(1);
  });

  it('a retry after a failure runs again (nothing was sent the first time)', async () => {
    const headers = { 'idempotency-key': 'retry-after-422' };
    const closed = await v1(
      'POST',
      '/api/v1/messages',
      { to: '+5215544440009', type: 'text', text: { body: 'Hola' } },
      headers,
    );
    expect(closed.statusCode).toBe(422);
    await openConversation(t, '5215544440009', 'Hola');
    const retried = await v1(
      'POST',
      '/api/v1/messages',
      { to: '+5215544440009', type: 'text', text: { body: 'Hola' } },
      headers,
    );
    expect(retried.statusCode, retried.body).toBe(202);
  });
});

describe('rate limits', () => {
  it('say where a key stands on every answer, and 429 with Retry-After beyond the limit', async () => {
    const key = await makeKey(t, ['channels:read']);
    const call = v1Of(t, key.key);
    const first = await call('GET', '/api/v1/channels');
    expect(first.headers['ratelimit-limit']).toBe('500');
    expect(first.headers['ratelimit-remaining']).toBe('499');
    for (let i = 0; i < 499; i++) await call('GET', '/api/v1/channels');
    const over = await call('GET', '/api/v1/channels');
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.json().error.code).toBe('rate_limited');
    // Another key is not held back.
    expect(
      (await v1Of(t, (await makeKey(t, ['channels:read'])).key)('GET', '/api/v1/channels')).statusCode,
    ).toBe(200);
  });
});
