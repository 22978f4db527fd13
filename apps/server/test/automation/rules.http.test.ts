import type { AutomationRule } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type Member } from '../harness/members';
import { inboundTextWebhook } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';
import { automaticRepliesLeft, requestsAs, rulesApi, simulatedCustomers } from './automation-harness';

let t: TestApp;
let agent: Member;
beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Carla Agent');
});
afterAll(() => t?.close());

const as = requestsAs(() => t);
const owner = as(() => t.cookie);
const asAgent = as(() => agent.cookie);
const { newCustomer, writes, taps, stored, received } = simulatedCustomers(() => t, {
  prefix: '34611',
  name: 'Lucía Gómez',
});

const { rules, createRule, allOff } = rulesApi(owner);

/** The customer writes; resolves with the conversation once Charla stored the message. */
async function customerWrites(from: string, text: string, name?: string): Promise<string> {
  writes(from, text, name);
  return (await stored(from, text)).conversationId;
}

/** Waits until automation has nothing left to do (every row handled), then a little for the sends. */
async function settled() {
  await t.waitFor(async () => {
    const [row] = await t.container.db.query<{ n: number | string }>(
      'SELECT count(*) AS n FROM automation_inbox WHERE error IS NULL AND due_at <= $1',
      [t.clock.now()],
    );
    return Number(row?.n) === 0;
  }, 'automation to drain');
  await automaticRepliesLeft(t);
}

const history = async (conversationId: string) =>
  (await owner('GET', `/api/conversations/${conversationId}`)).json().events as {
    kind: string;
    to: string | null;
    note: string | null;
    automatedBy: { name: string } | null;
  }[];

describe('ready-made rules', () => {
  it('a new workspace has welcome, out of office and "we’ll be right with you", in Spanish and off', async () => {
    const list = await rules();
    expect(list.map((r) => [r.preset, r.name, r.enabled])).toEqual([
      ['welcome', 'Bienvenida', false],
      ['out_of_office', 'Fuera de horario', false],
      ['no_reply', 'Enseguida te atendemos', false],
    ]);
    // Agents read them; only owners and admins change them.
    expect((await asAgent('GET', '/api/automation/rules')).statusCode).toBe(200);
    expect(
      (await asAgent('PATCH', `/api/automation/rules/${list[0]!.id}`, { enabled: true })).statusCode,
    ).toBe(403);
    // Deleting one does not bring it back.
    expect((await owner('DELETE', `/api/automation/rules/${list[2]!.id}`)).statusCode).toBe(204);
    expect((await rules()).map((r) => r.preset)).toEqual(['welcome', 'out_of_office']);
  });

  it('welcome answers a new customer’s first message once, by name, and the thread says which rule did', async () => {
    await allOff();
    const welcome = (await rules()).find((r) => r.preset === 'welcome')!;
    await owner('PATCH', `/api/automation/rules/${welcome.id}`, { enabled: true });
    const from = newCustomer();
    const conversationId = await customerWrites(from, 'Buenas tardes');
    await settled();
    await customerWrites(from, '¿Tenéis la talla 38?');
    await settled();
    expect(received(from)).toEqual([
      '¡Hola Lucía! Gracias por escribir a Tienda Luna. En un momento te atendemos.',
    ]);
    const thread = (await owner('GET', `/api/conversations/${conversationId}`)).json();
    const reply = thread.messages.find((m: { direction: string }) => m.direction === 'outbound');
    expect(reply.automatedBy).toMatchObject({ kind: 'rule', name: 'Bienvenida' });
    expect(await history(conversationId)).toContainEqual(
      expect.objectContaining({
        kind: 'automation',
        to: 'replied',
        automatedBy: expect.objectContaining({ name: 'Bienvenida' }),
      }),
    );
    const after = (await rules()).find((r) => r.id === welcome.id)!;
    expect(after.firedCount).toBe(1);
    expect(after.lastFiredAt).not.toBeNull();
  });
});

describe('keywords', () => {
  it('answers "¿Hacéis ENVÍOS?" with the envío rule, the best match first and one reply per message', async () => {
    await allOff();
    await createRule({
      name: 'Envíos (fuzzy)',
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['envio'], mode: 'fuzzy' }],
      actions: [{ type: 'send_message', message: { type: 'text', text: 'Respuesta aproximada' } }],
    });
    await createRule({
      name: 'Envíos',
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['envíos', 'envio'], mode: 'contains' }],
      actions: [
        { type: 'send_message', message: { type: 'text', text: 'Enviamos a toda España en 48 h.' } },
        { type: 'tag', tag: 'envíos' },
      ],
    });
    const from = newCustomer();
    const conversationId = await customerWrites(from, '¿Hacéis ENVÍOS a Cádiz?');
    await settled();
    // The contains match wins over the fuzzy one listed first; the fuzzy rule is told it was not its turn.
    expect(received(from)).toEqual(['Enviamos a toda España en 48 h.']);
    const lines = await history(conversationId);
    expect(lines).toContainEqual(expect.objectContaining({ to: 'tagged', note: 'envíos' }));
    expect(lines).toContainEqual(
      expect.objectContaining({
        to: 'skipped',
        note: 'already_replied',
        automatedBy: expect.objectContaining({ name: 'Envíos (fuzzy)' }),
      }),
    );
    // A typo still reaches the fuzzy rule alone.
    const other = newCustomer();
    await customerWrites(other, '¿y el enbio?');
    await settled();
    expect(received(other)).toEqual(['Respuesta aproximada']);
    // Unrelated text: nothing.
    const quiet = newCustomer();
    await customerWrites(quiet, 'Hola, buenas');
    await settled();
    expect(received(quiet)).toEqual([]);
  });

  it('a button the customer taps fires the rule of its payload', async () => {
    await allOff();
    await createRule({
      name: 'Horario',
      trigger: { type: 'button_reply', payload: 'hours' },
      actions: [{ type: 'send_message', message: { type: 'text', text: 'Abrimos de 9 a 14.' } }],
    });
    const from = newCustomer();
    await customerWrites(from, 'Hola');
    taps(from, 'hours', 'Horario');
    await t.waitFor(async () => received(from).length > 0, 'the answer to the button');
    expect(received(from)).toEqual(['Abrimos de 9 a 14.']);
  });
});

describe('guards', () => {
  it('replies to at most 5 messages of one conversation in 10 minutes (no storm with another bot)', async () => {
    await allOff();
    const echo = await createRule({
      name: 'Eco',
      trigger: { type: 'message_received' },
      actions: [{ type: 'send_message', message: { type: 'text', text: 'Recibido' } }],
    });
    const from = newCustomer();
    let conversationId = '';
    for (let i = 1; i <= 7; i++) {
      conversationId = await customerWrites(from, `Bot dice ${i}`);
      await settled();
    }
    expect(received(from)).toHaveLength(5);
    expect((await history(conversationId)).filter((e) => e.note === 'rate_limited')).toHaveLength(2);
    await owner('DELETE', `/api/automation/rules/${echo.id}`);
  });

  it('a duplicate webhook and a crash-free restart of the worker answer a message exactly once', async () => {
    await allOff();
    await createRule({
      name: 'Una vez',
      trigger: { type: 'message_received' },
      actions: [{ type: 'send_message', message: { type: 'text', text: 'Solo una vez' } }],
    });
    const from = newCustomer();
    const body = inboundTextWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      wabaId: t.sandbox.wabaId,
      from,
      name: 'Pepe',
      text: 'duplicado',
      wamid: `wamid.once-${from}`,
    });
    expect((await t.postWebhook(body)).statusCode).toBe(200);
    expect((await t.postWebhook(body)).statusCode).toBe(200);
    await t.container.automationWorker.stop();
    t.container.automationWorker.start();
    await t.waitFor(async () => received(from).length > 0, 'the reply');
    await settled();
    expect(received(from)).toEqual(['Solo una vez']);
  });

  it('never answers free-form outside the 24-hour window: a late message is logged, not answered', async () => {
    await allOff();
    await createRule({
      name: 'Tarde',
      trigger: { type: 'message_received' },
      actions: [{ type: 'send_message', message: { type: 'text', text: 'No debería salir' } }],
    });
    const from = newCustomer();
    // Meta retried this one for two days: its own time is what counts.
    const body = inboundTextWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      wabaId: t.sandbox.wabaId,
      from,
      name: 'Tardío',
      text: 'llego tarde',
      at: new Date(Date.now() - 2 * 86_400_000),
    });
    expect((await t.postWebhook(body)).statusCode).toBe(200);
    const [conv] = await t.waitFor(
      async () =>
        (
          await t.container.db.query<{ id: string }>(
            'SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1',
            [from],
          )
        ).length > 0 &&
        (await t.container.db.query<{ id: string }>(
          'SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1',
          [from],
        )),
      'the late message',
    );
    await settled();
    expect(received(from)).toEqual([]);
    expect(await history(conv!.id)).toContainEqual(
      expect.objectContaining({ to: 'skipped', note: 'window_closed' }),
    );
  });
});

describe('business hours and timers', () => {
  it('out of office answers when closed, once per night, and assigns and labels as told', async () => {
    await allOff();
    const closedAllWeek = {
      timeZone: 'Europe/Madrid',
      days: Array.from({ length: 7 }, () => []),
      holidays: [],
    };
    expect((await owner('PUT', '/api/business-hours', closedAllWeek)).statusCode).toBe(200);
    const label = (await owner('POST', '/api/labels', { name: 'Fuera de horario', color: 'amber' })).json();
    const ooo = (await rules()).find((r) => r.preset === 'out_of_office')!;
    const res = await owner('PUT', `/api/automation/rules/${ooo.id}`, {
      name: ooo.name,
      enabled: true,
      trigger: ooo.trigger,
      conditions: ooo.conditions,
      cooldownMinutes: ooo.cooldownMinutes,
      actions: [
        ...ooo.actions,
        { type: 'label', labelId: label.id },
        { type: 'assign', to: 'agent', userId: agent.userId },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const from = newCustomer();
    const conversationId = await customerWrites(from, 'Hola, ¿estáis?');
    await settled();
    await customerWrites(from, '¿Hola?');
    await settled();
    expect(received(from)).toEqual([
      'Gracias por tu mensaje. Ahora estamos fuera de horario; te responderemos en cuanto abramos.',
    ]);
    const conversation = (await owner('GET', `/api/conversations/${conversationId}`)).json().conversation;
    expect(conversation.assignee?.id).toBe(agent.userId);
    expect(conversation.labels.map((l: { name: string }) => l.name)).toEqual(['Fuera de horario']);
    const lines = await history(conversationId);
    expect(lines).toContainEqual(
      expect.objectContaining({
        kind: 'assignee',
        automatedBy: expect.objectContaining({ name: 'Fuera de horario' }),
      }),
    );
    const open = {
      timeZone: 'Europe/Madrid',
      days: Array.from({ length: 7 }, () => [{ from: '00:00', to: '24:00' }]),
      holidays: [],
    };
    expect((await owner('PUT', '/api/business-hours', open)).statusCode).toBe(200);
  });

  it('"no reply in 5 minutes" speaks up only when nobody answered in time', async () => {
    await allOff();
    await createRule({
      name: 'Espera',
      trigger: { type: 'no_reply', minutes: 5, businessTime: false },
      actions: [{ type: 'send_message', message: { type: 'text', text: 'Enseguida te atendemos' } }],
    });
    const waiting = newCustomer();
    const answered = newCustomer();
    await customerWrites(waiting, 'Necesito ayuda');
    const answeredConversation = await customerWrites(answered, 'Necesito ayuda también');
    await settled();
    // The test's clock stood still while they wrote; an agent answers now.
    t.clock.set(new Date());
    const reply = await owner('POST', `/api/conversations/${answeredConversation}/messages`, {
      text: 'Dime',
    });
    expect(reply.statusCode, reply.body).toBe(202);
    t.clock.advance(4 * 60_000);
    t.container.automationWorker.wake();
    await settled();
    expect(received(waiting)).toEqual([]);
    t.clock.advance(2 * 60_000);
    t.container.automationWorker.wake();
    await t.waitFor(async () => received(waiting).length > 0, 'the waiting message');
    await settled();
    expect(received(waiting)).toEqual(['Enseguida te atendemos']);
    expect(received(answered)).toEqual(['Dime']);
  });
});

describe('saving rules', () => {
  it('refuses unknown variables, another workspace’s label and a stop that is not last, naming each field', async () => {
    const res = await owner('POST', '/api/automation/rules', {
      name: 'Mala',
      trigger: { type: 'message_received' },
      actions: [
        { type: 'stop' },
        { type: 'send_message', message: { type: 'text', text: 'Hola {{contact.apodo}}' } },
        { type: 'label', labelId: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('invalid_rule');
    expect(error.fields.map((f: { path: string }) => f.path)).toEqual([
      'actions.1.message.text',
      'actions.2.labelId',
      'actions.0',
    ]);
    expect(error.message).toContain('{{contact.apodo}}');
    const noActions = await owner('POST', '/api/automation/rules', {
      name: 'Vacía',
      trigger: { type: 'message_received' },
      actions: [],
    });
    expect(noActions.statusCode).toBe(400);
  });

  it('reorders rules when given every id once, and refuses a partial order', async () => {
    const ids = (await rules()).map((r) => r.id);
    const reversed = [...ids].reverse();
    const ok = await owner('PUT', '/api/automation/rules/order', { ids: reversed });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rules.map((r: AutomationRule) => r.id)).toEqual(reversed);
    const partial = await owner('PUT', '/api/automation/rules/order', { ids: reversed.slice(1) });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.code).toBe('invalid_order');
  });
});
