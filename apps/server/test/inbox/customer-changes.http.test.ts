import type { Message, Thread } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeWebhook, newWamid, unixNow } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

// A customer's deletion or edit, a WhatsApp call and a call permission answer, each posted signed
// as Meta sends it: the thread says what happened instead of "a shape Charla did not expect".

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

let nextWaId = 5215580000000;
const newWaId = () => String(nextWaId++);

async function threadOf(waId: string): Promise<Thread | null> {
  const list = await t.app.inject({
    method: 'GET',
    url: '/api/conversations',
    headers: { cookie: t.cookie },
  });
  const conv = list.json().items.find((c: { contact: { waId: string } }) => c.contact.waId === waId);
  if (!conv) return null;
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/conversations/${conv.id}`,
    headers: { cookie: t.cookie },
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const waitThread = (waId: string, ok: (th: Thread) => boolean, what: string) =>
  t.waitFor(async () => {
    const th = await threadOf(waId);
    return th && ok(th) ? th : null;
  }, what);

async function post(waId: string, message: Record<string, unknown>, at = unixNow()) {
  const id = (message.id as string | undefined) ?? newWamid();
  const body = changeWebhook({
    phoneNumberId: t.sandbox.phoneNumberId,
    wabaId: t.sandbox.wabaId,
    value: {
      contacts: [{ profile: { name: 'Lucía' }, wa_id: waId }],
      messages: [{ from: waId, timestamp: at, ...message, id }],
    },
  });
  expect((await t.postWebhook(body)).statusCode).toBe(200);
  return id;
}

const byType = (th: Thread, type: string) => th.messages.find((m) => m.type === type) as Message;

describe('a customer deletes or edits a message', () => {
  it('marks a deleted message as deleted by the customer and keeps what it said', async () => {
    const waId = newWaId();
    const original = await post(
      waId,
      { type: 'text', text: { body: 'Mi dirección es Calle 5' } },
      unixNow(-5),
    );
    await waitThread(waId, (th) => th.messages.length === 1, 'the original');
    await post(waId, { type: 'revoke', revoke: { original_message_id: original } });
    const th = await waitThread(waId, (th) => th.messages.length === 2, 'the deletion');
    const text = byType(th, 'text');
    expect(text.text).toBe('Mi dirección es Calle 5');
    expect(text.deletedByCustomerAt).toEqual(expect.any(String));
    expect(byType(th, 'revoke').content).toEqual({ type: 'revoke', targetId: original });
  });

  it('accepts the original_id spelling of a deletion', async () => {
    const waId = newWaId();
    const original = await post(waId, { type: 'text', text: { body: 'borra esto' } }, unixNow(-5));
    await post(waId, { type: 'revoke', revoke: { original_id: original } });
    const th = await waitThread(waId, (th) => th.messages.length === 2, 'the deletion');
    expect(byType(th, 'text').deletedByCustomerAt).toEqual(expect.any(String));
  });

  it('shows an edited message with its new text and keeps the previous one', async () => {
    const waId = newWaId();
    const original = await post(waId, { type: 'text', text: { body: 'Quiero dos cajas' } }, unixNow(-5));
    await waitThread(waId, (th) => th.messages.length === 1, 'the original');
    await post(waId, {
      type: 'edit',
      edit: {
        original_message_id: original,
        message: { type: 'text', text: { body: 'Quiero tres cajas' } },
      },
    });
    const th = await waitThread(waId, (th) => th.messages.length === 2, 'the edit');
    const text = byType(th, 'text');
    expect(text).toMatchObject({
      text: 'Quiero tres cajas',
      content: { type: 'text', body: 'Quiero tres cajas' },
      edited: { previousText: 'Quiero dos cajas' },
      deletedByCustomerAt: null,
    });
    expect(byType(th, 'edit').content).toEqual({
      type: 'edit',
      targetId: original,
      text: 'Quiero tres cajas',
    });
  });
});

describe('WhatsApp calls', () => {
  it('leaves a readable missed-call line for a call nobody answered in Charla', async () => {
    const waId = newWaId();
    const callId = `wacid.${newWamid().slice(6)}`;
    const calls = (event: string, extra: Record<string, unknown> = {}) =>
      changeWebhook({
        phoneNumberId: t.sandbox.phoneNumberId,
        wabaId: t.sandbox.wabaId,
        field: 'calls',
        value: {
          contacts: [{ profile: { name: 'Lucía' }, wa_id: waId }],
          calls: [
            {
              id: callId,
              from: waId,
              to: '15550100100',
              event,
              direction: 'USER_INITIATED',
              timestamp: unixNow(),
              ...extra,
            },
          ],
        },
      });
    expect((await t.postWebhook(calls('connect'))).statusCode).toBe(200);
    expect((await t.postWebhook(calls('terminate', { status: 'FAILED' }))).statusCode).toBe(200);
    const th = await waitThread(waId, (th) => th.messages.length === 1, 'the call line');
    expect(th.messages[0]).toMatchObject({
      type: 'call',
      direction: 'inbound',
      content: { type: 'call', event: 'missed', durationSeconds: null },
    });
  });

  it('shows the customer`s answer to a call permission request as a call line', async () => {
    const waId = newWaId();
    await post(waId, {
      type: 'interactive',
      interactive: {
        type: 'call_permission_reply',
        call_permission_reply: { response: 'accept', is_permanent: false, expiration_timestamp: 1767225600 },
      },
    });
    const th = await waitThread(waId, (th) => th.messages.length === 1, 'the permission answer');
    expect(th.messages[0]).toMatchObject({
      type: 'call',
      content: { type: 'call', event: 'permission_granted' },
    });
  });
});
