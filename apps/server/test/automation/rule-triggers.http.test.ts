import { nextScheduledRun } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { automaticRepliesLeft, requestsAs, rulesApi, simulatedCustomers } from './automation-harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (const def of [{ key: 'plan', label: 'Plan', type: 'list', options: ['Plata', 'Oro'] }])
    expect((await owner('POST', '/api/contacts/attributes', def)).statusCode).toBe(201);
});
afterAll(() => t?.close());

const owner = requestsAs(() => t)(() => t.cookie);
const { newCustomer, writes, stored, received } = simulatedCustomers(() => t, {
  prefix: '34622',
  name: 'Lucía',
});

const { createRule, allOff } = rulesApi(owner);

/** The customer writes; resolves with the conversation and the contact once Charla stored it. */
async function customerWrites(from: string, text: string) {
  writes(from, text);
  return stored(from, text);
}

/** Waits until automation has nothing left to do, schedules included, and its sends left. */
async function settled() {
  await t.waitFor(async () => {
    const [row] = await t.container.db.query<{ n: number | string }>(
      `SELECT (SELECT count(*) FROM automation_inbox WHERE error IS NULL AND due_at <= $1)
            + (SELECT count(*) FROM automation_schedules WHERE due_at <= $1) AS n`,
      [t.clock.now()],
    );
    return Number(row?.n) === 0;
  }, 'automation to drain');
  await automaticRepliesLeft(t);
}

const notes = async (conversationId: string) =>
  (
    await t.container.db.query<{ body: string }>(
      'SELECT body FROM conversation_notes WHERE conversation_id = $1',
      [conversationId],
    )
  ).map((r) => r.body);

const send = (text: string) => ({ type: 'send_message' as const, message: { type: 'text' as const, text } });

describe('triggers a member’s change sets off', () => {
  it('a label put on the conversation runs the rule once; another label, or the same one again, does not', async () => {
    await allOff();
    const urgent = (await owner('POST', '/api/labels', { name: 'Urgente', color: 'red' })).json();
    const other = (await owner('POST', '/api/labels', { name: 'Otra', color: 'blue' })).json();
    await createRule({
      name: 'Urgente',
      trigger: { type: 'label_added', labelId: urgent.id },
      actions: [{ type: 'note', text: 'Llamar hoy' }],
    });
    const from = newCustomer();
    const { conversationId } = await customerWrites(from, 'Hola');
    await settled();
    const put = (id: string) => owner('PUT', `/api/conversations/${conversationId}/labels/${id}`);
    expect((await put(other.id)).statusCode).toBe(200);
    expect((await put(urgent.id)).statusCode).toBe(200);
    await settled();
    // Putting it on again changes nothing and runs nothing.
    expect((await put(urgent.id)).statusCode).toBe(200);
    await settled();
    expect(await notes(conversationId)).toEqual(['Llamar hoy']);
  });

  it('a tag put on the contact sends the message once; a tag the contact already had does not', async () => {
    await allOff();
    await createRule({
      name: 'VIP',
      trigger: { type: 'tag_added', tag: 'vip' },
      actions: [send('Bienvenida al club')],
    });
    const from = newCustomer();
    const { contactId } = await customerWrites(from, 'Buenas');
    await settled();
    const tags = (list: string[]) => owner('PATCH', `/api/contacts/${contactId}`, { tags: list });
    expect((await tags(['VIP'])).statusCode).toBe(200);
    await settled();
    expect((await tags(['vip', 'mayorista'])).statusCode).toBe(200);
    await settled();
    expect(received(from)).toEqual(['Bienvenida al club']);
  });

  it('a contact field changed to a value runs the rule; another value does not', async () => {
    await allOff();
    await createRule({
      name: 'Oro',
      trigger: { type: 'attribute_changed', key: 'plan', value: 'oro' },
      actions: [send('Ya eres Oro')],
    });
    const from = newCustomer();
    const { contactId } = await customerWrites(from, 'Quiero el plan');
    await settled();
    const plan = (value: string) =>
      owner('PATCH', `/api/contacts/${contactId}`, { attributes: { plan: value } });
    expect((await plan('Plata')).statusCode).toBe(200);
    await settled();
    expect(received(from)).toEqual([]);
    expect((await plan('Oro')).statusCode).toBe(200);
    await settled();
    // The same value again is no change.
    expect((await plan('Oro')).statusCode).toBe(200);
    await settled();
    expect(received(from)).toEqual(['Ya eres Oro']);
  });

  it('a conversation resolved by a member gets its thanks inside the 24-hour window', async () => {
    await allOff();
    await createRule({
      name: 'Gracias',
      trigger: { type: 'status_changed', to: 'resolved' },
      actions: [send('¡Gracias por escribirnos!')],
    });
    const from = newCustomer();
    const { conversationId } = await customerWrites(from, 'Ya está, gracias');
    await settled();
    expect(
      (await owner('PATCH', `/api/conversations/${conversationId}`, { status: 'pending' })).statusCode,
    ).toBe(200);
    expect(
      (await owner('PATCH', `/api/conversations/${conversationId}`, { status: 'resolved' })).statusCode,
    ).toBe(200);
    await settled();
    expect(received(from)).toEqual(['¡Gracias por escribirnos!']);
  });

  it('what a rule does itself sets no rule off: a rule that tags does not fire the tag rule', async () => {
    await allOff();
    const label = (await owner('POST', '/api/labels', { name: 'Mayorista', color: 'green' })).json();
    await createRule({
      name: 'Etiqueta a tag',
      trigger: { type: 'label_added', labelId: label.id },
      actions: [{ type: 'tag', tag: 'mayorista' }],
    });
    await createRule({
      name: 'Tag a mensaje',
      trigger: { type: 'tag_added', tag: '' },
      actions: [send('Nunca debería salir')],
    });
    const from = newCustomer();
    const { conversationId, contactId } = await customerWrites(from, 'Compro al por mayor');
    await settled();
    expect((await owner('PUT', `/api/conversations/${conversationId}/labels/${label.id}`)).statusCode).toBe(
      200,
    );
    await settled();
    const contact = (await owner('GET', `/api/contacts/${contactId}`)).json();
    expect(contact.tags ?? contact.contact?.tags).toEqual(['mayorista']);
    expect(received(from)).toEqual([]);
  });

  it('a conversation a rule reopens with nobody on it waits in the queue from then', async () => {
    await allOff();
    const label = (await owner('POST', '/api/labels', { name: 'Reabrir', color: 'amber' })).json();
    await createRule({
      name: 'Reabre',
      trigger: { type: 'label_added', labelId: label.id },
      actions: [{ type: 'status', status: 'open' }],
    });
    const from = newCustomer();
    const { conversationId } = await customerWrites(from, 'Gracias, todo bien');
    await settled();
    expect(
      (await owner('PATCH', `/api/conversations/${conversationId}`, { status: 'resolved' })).statusCode,
    ).toBe(200);
    const waiting = async () =>
      (await owner('GET', `/api/conversations/${conversationId}`)).json().conversation.waitingSince;
    expect(await waiting()).toBeNull();
    t.clock.advance(60_000);
    const reopenedAt = t.clock.now().getTime();
    await owner('PUT', `/api/conversations/${conversationId}/labels/${label.id}`);
    await settled();
    expect((await owner('GET', `/api/conversations/${conversationId}`)).json().conversation.status).toBe(
      'open',
    );
    expect(new Date(await waiting()).getTime()).toBeGreaterThanOrEqual(reopenedAt);
  });
});

describe('schedules', () => {
  it('runs at its time over the open and pending conversations, once, and arms the next day', async () => {
    await allOff();
    const open = newCustomer();
    const pending = newCustomer();
    const resolved = newCustomer();
    await customerWrites(open, 'Abierta');
    const p = await customerWrites(pending, 'Pendiente');
    const r = await customerWrites(resolved, 'Resuelta');
    await settled();
    t.clock.set(new Date());
    expect(
      (await owner('PATCH', `/api/conversations/${p.conversationId}`, { status: 'pending' })).statusCode,
    ).toBe(200);
    expect(
      (await owner('PATCH', `/api/conversations/${r.conversationId}`, { status: 'resolved' })).statusCode,
    ).toBe(200);
    // Two hours from now on Madrid's clock, every day.
    const at = new Date(t.clock.now().getTime() + 2 * 3_600_000);
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Madrid',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
    const schedule = { weekdays: [0, 1, 2, 3, 4, 5, 6], time, timeZone: 'Europe/Madrid' };
    const rule = await createRule({
      name: 'Recordatorio',
      trigger: { type: 'schedule', ...schedule },
      actions: [send('¿Seguimos con tu pedido?')],
    });
    const armed = async () =>
      (
        await t.container.db.query<{ due_at: Date }>(
          'SELECT due_at FROM automation_schedules WHERE rule_id = $1',
          [rule.id],
        )
      ).map((s) => new Date(s.due_at).toISOString());
    const due = nextScheduledRun(schedule, t.clock.now())!;
    expect(await armed()).toEqual([due.toISOString()]);
    t.container.automationWorker.wake();
    await settled();
    expect(received(open)).toEqual([]);

    t.clock.set(new Date(due.getTime() + 1_000));
    t.container.automationWorker.wake();
    await t.waitFor(async () => received(open).length > 0, 'the scheduled message');
    await settled();
    t.container.automationWorker.wake();
    await settled();
    expect(received(open)).toEqual(['¿Seguimos con tu pedido?']);
    expect(received(pending)).toEqual(['¿Seguimos con tu pedido?']);
    expect(received(resolved)).toEqual([]);
    expect(await armed()).toEqual([nextScheduledRun(schedule, t.clock.now())!.toISOString()]);
    // Turned off, it has no next run; on again, it has.
    await owner('PATCH', `/api/automation/rules/${rule.id}`, { enabled: false });
    expect(await armed()).toEqual([]);
    await owner('PATCH', `/api/automation/rules/${rule.id}`, { enabled: true });
    expect((await armed()).length).toBe(1);
    t.clock.set(new Date());
  });
});

describe('saving triggers', () => {
  it('refuses another workspace’s label, a time that is not HH:MM and a zone that is not one, naming each field', async () => {
    const label = await owner('POST', '/api/automation/rules', {
      name: 'Mala etiqueta',
      trigger: { type: 'label_added', labelId: '00000000-0000-4000-8000-000000000000' },
      actions: [{ type: 'note', text: 'x' }],
    });
    expect(label.statusCode).toBe(422);
    expect(label.json().error.code).toBe('invalid_rule');
    expect(label.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['trigger.labelId']);
    const schedule = await owner('POST', '/api/automation/rules', {
      name: 'Mal horario',
      trigger: { type: 'schedule', weekdays: [0], time: '25:00', timeZone: 'Europa/Madrid' },
      actions: [{ type: 'note', text: 'x' }],
    });
    expect(schedule.statusCode).toBe(422);
    expect(schedule.json().error.code).toBe('invalid_rule');
    expect(schedule.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'trigger.time',
      'trigger.timeZone',
    ]);
  });
});
