import type { Flow, FlowDefinitionInput } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type Member } from '../harness/members';
import { inboundTextWebhook } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';
import { requestsAs, simulatedCustomers } from './automation-harness';

let t: TestApp;
let agent: Member;
beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Carla Agent');
});
afterAll(() => t?.close());

const api = requestsAs(() => t)(() => t.cookie);
const { newCustomer, writes, taps, received, waitReceived, conversationOf } = simulatedCustomers(() => t, {
  prefix: '34622',
  name: 'Lucía Gómez',
});

/** The shop's bot: greet, three options, ask an order number, answer or hand off to Carla. */
const shop = (greeting = '¡Hola {{contact.first_name}}!'): FlowDefinitionInput => ({
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'hello', type: 'message', message: { type: 'text', text: greeting } },
    {
      id: 'menu',
      type: 'choice',
      text: '¿En qué te ayudo?',
      options: [
        { id: 'orders', title: 'Mi pedido' },
        { id: 'hours', title: 'Horario' },
        { id: 'human', title: 'Hablar con alguien' },
      ],
      saveAs: 'tema',
    },
    {
      id: 'ask',
      type: 'question',
      text: '¿Cuál es tu número de pedido?',
      saveTo: { kind: 'variable', key: 'pedido' },
      validate: 'number',
      retryText: 'Escribe solo el número, por favor.',
      maxTries: 2,
    },
    { id: 'track', type: 'end', text: 'El pedido {{pedido}} va en camino.' },
    { id: 'hoursEnd', type: 'end', text: 'Abrimos de 9 a 20.' },
    { id: 'people', type: 'handoff', text: 'Te paso con el equipo.', userId: agent.userId },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'hello' },
    { id: 'e2', source: 'hello', target: 'menu' },
    { id: 'e3', source: 'menu', sourceHandle: 'option:orders', target: 'ask' },
    { id: 'e4', source: 'menu', sourceHandle: 'option:hours', target: 'hoursEnd' },
    { id: 'e5', source: 'menu', sourceHandle: 'option:human', target: 'people' },
    { id: 'e6', source: 'ask', target: 'track' },
    { id: 'e7', source: 'ask', sourceHandle: 'invalid', target: 'people' },
  ],
  settings: {
    idleMinutes: 10,
    reminderMinutes: 5,
    reminderText: '¿Sigues ahí?',
    exitText: 'Cierro la conversación; escribe cuando quieras.',
    fallbackText: 'Elige una opción, por favor.',
  },
});

let flow: Flow;

const bot = async (conversationId: string) =>
  (await api('GET', `/api/conversations/${conversationId}/bot`)).json().session;

describe('building and publishing a flow', () => {
  it('refuses to publish a flow with a branch to nowhere, naming the node; publishes once fixed', async () => {
    const created = await api('POST', '/api/flows', { name: 'Tienda' });
    expect(created.statusCode, created.body).toBe(201);
    flow = created.json();
    expect(flow.publishedVersion).toBeNull();
    const broken = shop();
    broken.edges = broken.edges.filter((e) => e.id !== 'e4');
    expect((await api('PUT', `/api/flows/${flow.id}`, { name: 'Tienda', draft: broken })).statusCode).toBe(
      200,
    );
    const refused = await api('POST', `/api/flows/${flow.id}/publish`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'flow_invalid' });
    expect(refused.json().error.fields).toEqual(
      expect.arrayContaining([
        {
          path: 'nodes.menu',
          code: 'missing_branch',
          detail: 'option:hours',
          message: expect.stringContaining('option:hours'),
        },
        {
          path: 'nodes.hoursEnd',
          code: 'unreachable',
          message: expect.stringContaining('Nothing leads to this node'),
        },
      ]),
    );
    expect((await api('PUT', `/api/flows/${flow.id}`, { name: 'Tienda', draft: shop() })).statusCode).toBe(
      200,
    );
    const published = await api('POST', `/api/flows/${flow.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    flow = published.json();
    expect(flow).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false });
    // A keyword starts it.
    const rule = await api('POST', '/api/automation/rules', {
      name: 'Menú',
      enabled: true,
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['menu', 'hola'], mode: 'contains' }],
      actions: [{ type: 'start_flow', flowId: flow.id }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
  });
});

describe('a customer goes through the bot', () => {
  it('taps a button, answers wrong then right, and gets the answer; agents see where the bot stands', async () => {
    const from = newCustomer();
    writes(from, 'Hola, ¿me enseñas el menú?');
    expect(await waitReceived(from, 2)).toEqual(['¡Hola Lucía!', '¿En qué te ayudo?']);
    const conversationId = await conversationOf(from);
    expect(await bot(conversationId)).toMatchObject({
      flowName: 'Tienda',
      version: 1,
      nodeId: 'menu',
      nodeType: 'choice',
    });
    taps(from, 'orders', 'Mi pedido');
    await waitReceived(from, 3);
    writes(from, 'no me acuerdo');
    await waitReceived(from, 4);
    writes(from, '1234');
    expect(await waitReceived(from, 5)).toEqual([
      '¡Hola Lucía!',
      '¿En qué te ayudo?',
      '¿Cuál es tu número de pedido?',
      'Escribe solo el número, por favor.',
      'El pedido 1234 va en camino.',
    ]);
    await t.waitFor(async () => (await bot(conversationId)) === null, 'the session to end');
    const thread = (await api('GET', `/api/conversations/${conversationId}`)).json();
    expect(
      thread.messages.filter((m: { automatedBy: unknown }) => m.automatedBy).at(-1).automatedBy,
    ).toMatchObject({
      kind: 'flow',
      name: 'Tienda',
    });
  });

  it('hands off to a person with a note of what it collected', async () => {
    const from = newCustomer();
    writes(from, 'menu');
    await waitReceived(from, 2);
    writes(from, 'hablar con alguien');
    expect((await waitReceived(from, 3))[2]).toBe('Te paso con el equipo.');
    const conversationId = await conversationOf(from);
    await t.waitFor(async () => (await bot(conversationId)) === null, 'the handoff');
    const thread = (await api('GET', `/api/conversations/${conversationId}`)).json();
    expect(thread.conversation.assignee?.id).toBe(agent.userId);
    expect(thread.notes.map((note: { body: string }) => note.body)).toContain('tema: Hablar con alguien');
    expect(thread.events).toContainEqual(expect.objectContaining({ kind: 'automation', to: 'handed_off' }));
  });

  it('steps aside when an agent replies, and stops when a member presses "stop bot"', async () => {
    const first = newCustomer();
    writes(first, 'menu');
    await waitReceived(first, 2);
    const conversationId = await conversationOf(first);
    expect(
      (await api('POST', `/api/conversations/${conversationId}/messages`, { text: 'Te atiendo yo' }))
        .statusCode,
    ).toBe(202);
    writes(first, 'horario');
    await t.waitFor(async () => (await bot(conversationId)) === null, 'the bot to step aside');
    await new Promise((r) => setTimeout(r, 300));
    expect(received(first)).toEqual(['¡Hola Lucía!', '¿En qué te ayudo?', 'Te atiendo yo']);

    const second = newCustomer();
    writes(second, 'menu');
    await waitReceived(second, 2);
    const other = await conversationOf(second);
    expect((await api('POST', `/api/conversations/${other}/bot/stop`)).statusCode).toBe(204);
    expect(await bot(other)).toBeNull();
    expect((await api('POST', `/api/conversations/${other}/bot/stop`)).statusCode).toBe(404);
  });
});

describe('timers and versions', () => {
  it('reminds an idle customer, then ends the session, and a late answer is not taken', async () => {
    t.clock.set(new Date());
    const from = newCustomer();
    writes(from, 'menu');
    await waitReceived(from, 2);
    const conversationId = await conversationOf(from);
    t.clock.advance(6 * 60_000);
    t.container.automationWorker.wake();
    expect((await waitReceived(from, 3))[2]).toBe('¿Sigues ahí?');
    t.clock.advance(5 * 60_000);
    t.container.automationWorker.wake();
    expect((await waitReceived(from, 4))[3]).toBe('Cierro la conversación; escribe cuando quieras.');
    expect(await bot(conversationId)).toBeNull();
    // "1234", written while the bot was still waiting but delivered by Meta after the timeout,
    // answers nothing: the session is over.
    const late = inboundTextWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      wabaId: t.sandbox.wabaId,
      from,
      name: 'Lucía Gómez',
      text: '1234',
      at: new Date(Date.now() + 60_000),
    });
    expect((await t.postWebhook(late)).statusCode).toBe(200);
    await t.waitFor(
      async () =>
        (
          await t.container.db.query('SELECT 1 FROM messages WHERE conversation_id = $1 AND text = $2', [
            conversationId,
            '1234',
          ])
        ).length > 0,
      'the late message',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(received(from)).toHaveLength(4);
  });

  it('a running session finishes on the version it started; new ones take the new version', async () => {
    t.clock.set(new Date());
    const before = newCustomer();
    writes(before, 'menu');
    await waitReceived(before, 2);
    expect(
      (
        await api('PUT', `/api/flows/${flow.id}`, {
          name: 'Tienda',
          draft: shop('¡Buenas, {{contact.first_name}}!'),
        })
      ).statusCode,
    ).toBe(200);
    expect((await api('GET', `/api/flows/${flow.id}`)).json().hasUnpublishedChanges).toBe(true);
    expect((await api('POST', `/api/flows/${flow.id}/publish`)).json().publishedVersion).toBe(2);
    const conversationId = await conversationOf(before);
    expect((await bot(conversationId)).version).toBe(1);
    const after = newCustomer();
    writes(after, 'menu');
    expect((await waitReceived(after, 2))[0]).toBe('¡Buenas, Lucía!');
    writes(before, 'horario');
    expect((await waitReceived(before, 3))[2]).toBe('Abrimos de 9 a 20.');
  });

  it('a bot started by hand keeps listening with every rule off', async () => {
    const rules = (await api('GET', '/api/automation/rules')).json().rules as { id: string }[];
    for (const r of rules) await api('PATCH', `/api/automation/rules/${r.id}`, { enabled: false });
    const from = newCustomer();
    writes(from, 'Buenas');
    const conversationId = await conversationOf(from);
    const started = await api('POST', `/api/conversations/${conversationId}/bot/start`, { flowId: flow.id });
    expect(started.statusCode).toBe(202);
    expect((await waitReceived(from, 2))[1]).toBe('¿En qué te ayudo?');
    writes(from, 'horario');
    expect((await waitReceived(from, 3))[2]).toBe('Abrimos de 9 a 20.');
  });
});
