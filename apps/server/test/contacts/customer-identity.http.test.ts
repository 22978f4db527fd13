import type { ContactProfile, Thread } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneFromWaId } from '../../src/modules/contacts';
import { apiOf } from '../harness/outbound';
import { newWamid, unixNow } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

// One customer, one contact: WhatsApp names a customer by their phone's wa_id, by their
// business-scoped user id (BSUID), or both, and tells when either changes. Whatever order
// these come in, the customer ends in ONE contact with ONE conversation. The simulated customers
// write through the simulator, which signs its webhooks as Meta does.

let t: TestApp;
let api: ReturnType<typeof apiOf>;
beforeAll(async () => {
  t = await createTestApp();
  api = apiOf(t);
});
afterAll(() => t?.close());

let next = 5215581000000;
const newWaId = () => String(next++);
let nextUser = 7000;
const newUserId = () => `MX.${Date.now()}${nextUser++}`;

type ConversationItem = { id: string; contact: { id: string; name: string | null; waId: string | null } };

const conversationsOf = async (name: string): Promise<ConversationItem[]> =>
  (await api.call('GET', '/api/conversations'))
    .json()
    .items.filter((c: ConversationItem) => c.contact.name === name);

const contactsNamed = async (name: string): Promise<{ id: string }[]> =>
  (await api.call('GET', `/api/contacts?q=${encodeURIComponent(name)}`)).json().items;

const contact = async (id: string): Promise<ContactProfile> =>
  (await api.call('GET', `/api/contacts/${id}`)).json();

/** Waits until `name` has exactly one conversation whose thread satisfies `ok`. */
async function oneThread(name: string, ok: (th: Thread) => boolean, what: string) {
  return t.waitFor(async () => {
    const convs = await conversationsOf(name);
    if (convs.length !== 1) return null;
    const th = await api.thread(convs[0]!.id);
    return ok(th) ? { conversation: convs[0]!, thread: th } : null;
  }, what);
}

const texts = (th: Thread) => th.messages.filter((m) => m.direction === 'inbound').map((m) => m.text);

/** Ends every case: one contact by that name, one conversation, its messages in order. */
async function expectOneCustomer(name: string, inbound: string[]) {
  const { conversation, thread } = await oneThread(
    name,
    (th) => inbound.every((text) => texts(th).includes(text)),
    `${name}'s messages in one conversation`,
  );
  expect(await contactsNamed(name)).toHaveLength(1);
  expect(texts(thread).filter((x) => inbound.includes(x ?? ''))).toEqual(inbound);
  return { conversation, thread, contact: await contact(conversation.contact.id) };
}

function write(
  waId: string,
  name: string,
  text: string,
  identity: { userId?: string; usernameOnly?: boolean; username?: string } = {},
) {
  return t.simulator.sendAsCustomer({
    phoneNumberId: t.sandbox.phoneNumberId,
    waId,
    name,
    text,
    ...identity,
  });
}

/** A message Meta sent before user ids existed: phone only, no BSUID anywhere. */
async function writePhoneOnly(waId: string, name: string, text: string) {
  t.simulator.sendRawAsCustomer({
    phoneNumberId: t.sandbox.phoneNumberId,
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550100100', phone_number_id: t.sandbox.phoneNumberId },
      contacts: [{ profile: { name }, wa_id: waId }],
      messages: [{ from: waId, id: newWamid(), timestamp: unixNow(), type: 'text', text: { body: text } }],
    },
  });
  await oneThread(name, (th) => texts(th).includes(text), `${text} stored`);
}

describe('customer identity: phone wa_id and business-scoped user id', () => {
  it('phone and user id, then user id only: one contact and one conversation, which keeps both ids', async () => {
    const waId = newWaId();
    const userId = newUserId();
    write(waId, 'Identidad Uno', 'con teléfono', { userId, username: 'ident.uno' });
    await oneThread('Identidad Uno', (th) => texts(th).includes('con teléfono'), 'the first message');
    write(waId, 'Identidad Uno', 'solo usuario', { userId, usernameOnly: true });
    const { contact: c } = await expectOneCustomer('Identidad Uno', ['con teléfono', 'solo usuario']);
    expect(c).toMatchObject({ waId, userId, username: 'ident.uno', phone: phoneFromWaId(waId) });
  });

  it('user id only, then phone and user id: the contact known by its user id gets the phone', async () => {
    const waId = newWaId();
    const userId = newUserId();
    write(waId, 'Identidad Dos', 'sin teléfono', { userId, usernameOnly: true });
    const first = await oneThread(
      'Identidad Dos',
      (th) => texts(th).includes('sin teléfono'),
      'the first message',
    );
    expect((await contact(first.conversation.contact.id)).waId).toBeNull();
    write(waId, 'Identidad Dos', 'ahora con teléfono', { userId, usernameOnly: false });
    const { contact: c } = await expectOneCustomer('Identidad Dos', ['sin teléfono', 'ahora con teléfono']);
    expect(c).toMatchObject({ waId, userId, phone: phoneFromWaId(waId) });
    expect(c.id).toBe(first.conversation.contact.id);
  });

  it('a contact known by phone and another known by user id become one when a message names both', async () => {
    const waId = newWaId();
    const userId = newUserId();
    await writePhoneOnly(waId, 'Identidad Tres', 'antes de los usuarios');
    // The same person, by username only, on another day: a contact of its own so far.
    write(waId, 'Identidad Tres', 'por usuario', { userId, usernameOnly: true });
    await t.waitFor(
      async () => (await conversationsOf('Identidad Tres')).length === 2,
      'two contacts for now',
    );
    write(waId, 'Identidad Tres', 'con los dos', { userId, usernameOnly: false });
    const { contact: c, thread } = await expectOneCustomer('Identidad Tres', [
      'antes de los usuarios',
      'por usuario',
      'con los dos',
    ]);
    expect(c).toMatchObject({ waId, userId });
    expect(thread.events.some((e) => e.kind === 'merged')).toBe(true);
  });

  it('a user id rotation without `from` re-links the contact and leaves a line in the thread', async () => {
    const waId = newWaId();
    const userId = newUserId();
    write(waId, 'Identidad Cuatro', 'primero', { userId });
    await oneThread('Identidad Cuatro', (th) => texts(th).includes('primero'), 'the first message');
    const changed = t.simulator.changeCustomerIdentity(t.sandbox.phoneNumberId, waId, { change: 'user_id' });
    expect(changed.userId).not.toBe(userId);
    await oneThread(
      'Identidad Cuatro',
      (th) => th.messages.some((m) => m.content.type === 'system'),
      'the line saying the user id changed',
    );
    // The customer now writes by username only, with the new id: same contact, same thread.
    write(waId, 'Identidad Cuatro', 'con el id nuevo', { userId: changed.userId, usernameOnly: true });
    const { contact: c } = await expectOneCustomer('Identidad Cuatro', ['primero', 'con el id nuevo']);
    expect(c.userId).toBe(changed.userId);
    expect(c.waId).toBe(waId);
  });

  it('a number change moves the contact to the new number: the next message continues the thread', async () => {
    const oldWaId = newWaId();
    const newNumber = newWaId();
    write(oldWaId, 'Identidad Cinco', 'desde el número viejo', { userId: newUserId() });
    const before = await oneThread(
      'Identidad Cinco',
      (th) => texts(th).includes('desde el número viejo'),
      'first',
    );
    const changed = t.simulator.changeCustomerIdentity(t.sandbox.phoneNumberId, oldWaId, {
      change: 'number',
      waId: newNumber,
    });
    await t.waitFor(
      async () => (await contact(before.conversation.contact.id)).waId === newNumber,
      'the contact on the new number',
    );
    write(newNumber, 'Identidad Cinco', 'desde el número nuevo', { userId: changed.userId });
    const { contact: c, thread } = await expectOneCustomer('Identidad Cinco', [
      'desde el número viejo',
      'desde el número nuevo',
    ]);
    expect(c).toMatchObject({ waId: newNumber, phone: phoneFromWaId(newNumber), userId: changed.userId });
    const line = thread.messages.find((m) => m.content.type === 'system');
    expect(line?.text).toContain(newNumber);
    // Replies go to the new number.
    const sent = await api.call('POST', `/api/conversations/${thread.conversation.id}/messages`, {
      type: 'text',
      text: 'Anotado tu número nuevo',
    });
    expect(sent.statusCode).toBe(202);
    await t.waitFor(
      async () =>
        t.simulator
          .sends(t.sandbox.phoneNumberId)
          .some(
            (s) =>
              (s.body as { text?: { body?: string } }).text?.body === 'Anotado tu número nuevo' &&
              (s.body as { to?: string }).to === `+${newNumber}`,
          ),
      'the reply sent to the new number',
    );
  });

  it('replies to a customer known only by user id go out with `recipient`, and their statuses find the message', async () => {
    const waId = newWaId();
    const userId = newUserId();
    write(waId, 'Identidad Seis', 'escribo con usuario', { userId, usernameOnly: true });
    const { conversation } = await oneThread(
      'Identidad Seis',
      (th) => texts(th).includes('escribo con usuario'),
      'the first message',
    );
    const sent = await api.call('POST', `/api/conversations/${conversation.id}/messages`, {
      type: 'text',
      text: 'Te respondo por tu usuario',
    });
    expect(sent.statusCode).toBe(202);
    const messageId = sent.json().id as string;
    const request = await t.waitFor(
      async () =>
        t.simulator
          .sends(t.sandbox.phoneNumberId)
          .find((s) => (s.body as { text?: { body?: string } }).text?.body === 'Te respondo por tu usuario'),
      'the reply request',
    );
    expect(request.body).toMatchObject({ recipient: userId });
    expect(request.body).not.toHaveProperty('to');
    // The simulator's statuses carry recipient_user_id (and the BSUID as recipient_id).
    await t.waitFor(async () => {
      const m = await api.message(conversation.id, messageId);
      return m && (m.status === 'delivered' || m.status === 'read') ? m : null;
    }, 'the reply delivered');
  });

  it('a merge of a phone contact and a user-id contact keeps both ids: either one finds the merged contact', async () => {
    const phoneWaId = newWaId();
    const otherWaId = newWaId();
    const userId = newUserId();
    await writePhoneOnly(phoneWaId, 'Identidad Siete', 'por teléfono');
    // Written by username only from a phone WhatsApp does not show: nothing links the two.
    write(otherWaId, 'Identidad Siete B', 'por usuario', { userId, usernameOnly: true });
    const byUser = await oneThread('Identidad Siete B', (th) => texts(th).includes('por usuario'), 'second');
    const [byPhone] = await conversationsOf('Identidad Siete');
    const merged = await api.call('POST', `/api/contacts/${byPhone!.contact.id}/merge`, {
      sourceId: byUser.conversation.contact.id,
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ waId: phoneWaId, userId });
    write(otherWaId, 'Identidad Siete B', 'otra vez por usuario', { userId, usernameOnly: true });
    await writePhoneOnly(phoneWaId, 'Identidad Siete', 'otra vez por teléfono');
    const { contact: c } = await expectOneCustomer('Identidad Siete', [
      'por teléfono',
      'por usuario',
      'otra vez por usuario',
      'otra vez por teléfono',
    ]);
    expect(c.id).toBe(byPhone!.contact.id);
  });
});
