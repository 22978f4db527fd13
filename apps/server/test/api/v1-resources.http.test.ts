import type { Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate } from '../templates/template-fixtures';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
let template: Template;
let v1: ReturnType<typeof v1Of>;

beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
  template = await approvedTemplate(t);
  v1 = v1Of(t, (await makeKey(t, ['contacts:write', 'conversations:read', 'templates:read'])).key);
});
afterAll(() => t?.close());

describe('reading with a key', () => {
  it('contacts: made, found by name or phone, filtered by tag, paged as { data, nextCursor }', async () => {
    for (const [phone, name, tags] of [
      ['+5215590000001', 'Rosa Blanco', ['mayorista']],
      ['+5215590000002', 'Tomás Gil', []],
    ] as const) {
      const res = await v1('POST', '/api/v1/contacts', { phone, name, tags });
      expect(res.statusCode, res.body).toBe(201);
    }
    const byName = (await v1('GET', '/api/v1/contacts?q=rosa')).json();
    expect(byName.data.map((c: { name: string }) => c.name)).toEqual(['Rosa Blanco']);
    expect(byName.nextCursor).toBeNull();
    const byTag = (await v1('GET', '/api/v1/contacts?tag=mayorista')).json();
    expect(byTag.data.map((c: { phone: string }) => c.phone)).toEqual(['+525590000001']); // Mexico's old mobile 1 is dropped, as WhatsApp does
    const twice = await v1('POST', '/api/v1/contacts', { phone: '+52 1 55 9000 0001' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details.contactId).toBe(byName.data[0].id);
  });

  it('conversations: listed with filters, and one with its messages', async () => {
    const conv = await openConversation(t, '5215590000003', '¿Hacen factura?');
    const list = (await v1('GET', '/api/v1/conversations?window=open')).json();
    expect(list.data.map((c: { id: string }) => c.id)).toContain(conv.id);
    const thread = await v1('GET', `/api/v1/conversations/${conv.id}`);
    expect(thread.statusCode).toBe(200);
    expect(thread.json().messages.map((m: { text: string }) => m.text)).toContain('¿Hacen factura?');
    expect((await v1('GET', '/api/v1/conversations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });

  it('templates: listed with their status, and one by id', async () => {
    const list = (await v1('GET', '/api/v1/templates?status=approved')).json();
    expect(list.data.map((x: { name: string }) => x.name)).toContain(template.name);
    const one = (await v1('GET', `/api/v1/templates/${template.id}`)).json();
    expect(one).toMatchObject({ name: template.name, status: 'approved' });
  });

  it('only what the key’s scopes allow', async () => {
    const contactsOnly = v1Of(t, (await makeKey(t, ['contacts:read'])).key);
    expect((await contactsOnly('GET', '/api/v1/contacts')).statusCode).toBe(200);
    const denied = await contactsOnly('GET', '/api/v1/conversations');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.details.scope).toBe('conversations:read');
    expect((await contactsOnly('POST', '/api/v1/contacts', { phone: '+5215590000009' })).statusCode).toBe(
      403,
    );
  });
});
