import { describe, expect, it } from 'vitest';
import { checkFlow } from './flow-checks';
import { type FlowContext, type FlowState, type FlowStep, stepFlow, validAnswer } from './flow-engine';
import {
  type FlowDefinition,
  type FlowDefinitionInput,
  FlowDefinitionSchema,
  FlowNodeSchema,
} from './flow-schema';

/** A shop's bot: greet, offer three options, ask an order number, answer or hand off. */
const shop: FlowDefinitionInput = {
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'hello', type: 'message', message: { type: 'text', text: '¡Hola {{contact.first_name}}!' } },
    {
      id: 'menu',
      type: 'choice',
      text: '¿En qué te ayudo?',
      options: [
        { id: 'orders', title: 'Mi pedido' },
        { id: 'hours', title: 'Horario' },
        { id: 'human', title: 'Hablar con alguien' },
      ],
      saveAs: 'topic',
    },
    {
      id: 'ask',
      type: 'question',
      text: '¿Cuál es tu número de pedido?',
      saveTo: { kind: 'variable', key: 'order' },
      validate: 'number',
      retryText: 'Escribe solo el número, por favor.',
      maxTries: 2,
    },
    { id: 'big', type: 'condition', checks: [{ subject: 'order', op: 'greater', value: '1000' }] },
    { id: 'track', type: 'message', message: { type: 'text', text: 'El pedido {{order}} va en camino.' } },
    { id: 'open', type: 'condition', checks: [{ subject: 'hours', op: 'open' }] },
    { id: 'openNow', type: 'end', text: 'Estamos abiertos hasta las 20:00.' },
    { id: 'closedNow', type: 'end', text: 'Ahora estamos cerrados.' },
    { id: 'people', type: 'handoff', text: 'Te paso con el equipo.', teamId: null },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'hello' },
    { id: 'e2', source: 'hello', target: 'menu' },
    { id: 'e3', source: 'menu', sourceHandle: 'option:orders', target: 'ask' },
    { id: 'e4', source: 'menu', sourceHandle: 'option:hours', target: 'open' },
    { id: 'e5', source: 'menu', sourceHandle: 'option:human', target: 'people' },
    { id: 'e6', source: 'ask', target: 'big' },
    { id: 'e7', source: 'ask', sourceHandle: 'invalid', target: 'people' },
    { id: 'e8', source: 'big', sourceHandle: 'true', target: 'track' },
    { id: 'e9', source: 'big', sourceHandle: 'false', target: 'people' },
    { id: 'e10', source: 'open', sourceHandle: 'true', target: 'openNow' },
    { id: 'e11', source: 'open', sourceHandle: 'false', target: 'closedNow' },
  ],
  settings: { fallbackText: 'Elige una de las opciones, por favor.' },
};
const flow: FlowDefinition = FlowDefinitionSchema.parse(shop);

const ctx = (open = true): FlowContext => ({
  contact: { name: 'Lucía Gómez', phone: '+34600111222', attributes: {} },
  workspaceName: 'Tienda Luna',
  isOpen: () => open,
  now: Date.UTC(2026, 11, 7, 10),
});
const says = (step: FlowStep) =>
  step.effects.flatMap((e) =>
    e.type === 'send'
      ? [
          e.message.type === 'text'
            ? e.message.text
            : e.message.type === 'interactive'
              ? e.message.interactive.body
              : '',
        ]
      : [],
  );
const write = (state: FlowState, text: string, open = true) =>
  stepFlow(flow, state, { kind: 'message', text, replyId: null, replyTitle: null }, ctx(open));
const tap = (state: FlowState, id: string, title: string) =>
  stepFlow(flow, state, { kind: 'message', text: null, replyId: id, replyTitle: title }, ctx());

describe('running a flow', () => {
  it('greets by name, offers buttons and waits', () => {
    const step = stepFlow(flow, null, { kind: 'start' }, ctx());
    expect(says(step)).toEqual(['¡Hola Lucía!', '¿En qué te ayudo?']);
    const menu = step.effects[1];
    expect(menu).toMatchObject({
      type: 'send',
      message: {
        interactive: { kind: 'buttons', buttons: [{ id: 'orders' }, { id: 'hours' }, { id: 'human' }] },
      },
    });
    expect(step).toMatchObject({ outcome: 'waiting', state: { nodeId: 'menu' } });
  });

  it('takes a tapped button or the typed title, re-asks on anything else, and keeps the choice', () => {
    const start = stepFlow(flow, null, { kind: 'start' }, ctx()).state;
    expect(tap(start, 'orders', 'Mi pedido').state).toMatchObject({
      nodeId: 'ask',
      variables: { topic: 'Mi pedido' },
    });
    expect(write(start, 'mi pedido').state.nodeId).toBe('ask');
    const lost = write(start, '¿qué tal?');
    expect(says(lost)).toEqual(['Elige una de las opciones, por favor.', '¿En qué te ayudo?']);
    expect(lost.state.nodeId).toBe('menu');
  });

  it('validates an answer, re-asks, and gives up to a person after too many tries', () => {
    const asked = tap(stepFlow(flow, null, { kind: 'start' }, ctx()).state, 'orders', 'Mi pedido');
    const good = write(asked.state, '1234');
    expect(says(good)).toEqual(['El pedido 1234 va en camino.']);
    expect(good.outcome).toBe('completed');
    const small = write(asked.state, '12');
    expect(small.outcome).toBe('handed_off');
    expect(small.effects.at(-1)).toMatchObject({
      type: 'handoff',
      collected: { topic: 'Mi pedido', order: '12' },
    });
    const once = write(asked.state, 'no lo sé');
    expect(says(once)).toEqual(['Escribe solo el número, por favor.']);
    expect(once.state.tries).toBe(1);
    expect(write(once.state, 'ni idea').outcome).toBe('handed_off');
  });

  it('branches on the business hours', () => {
    const start = stepFlow(flow, null, { kind: 'start' }, ctx()).state;
    expect(says(write(start, 'horario', true))).toEqual(['Estamos abiertos hasta las 20:00.']);
    expect(says(write(start, 'horario', false))).toEqual(['Ahora estamos cerrados.']);
  });

  it('enrols the customer in a sequence and goes on, with nothing said about it', () => {
    const sequenceId = '5b0c3a52-3f4e-4d39-9a55-4f1c1f9d2c11';
    const enrol = FlowDefinitionSchema.parse({
      nodes: [
        { id: 's', type: 'start' },
        { id: 'drip', type: 'set', target: 'sequence', key: sequenceId },
        { id: 'bye', type: 'end', text: 'Te escribiremos con novedades.' },
      ],
      edges: [
        { id: '1', source: 's', target: 'drip' },
        { id: '2', source: 'drip', target: 'bye' },
      ],
    });
    const step = stepFlow(enrol, null, { kind: 'start' }, ctx());
    expect(step.effects).toEqual([
      { type: 'enroll_sequence', sequenceId },
      { type: 'send', message: { type: 'text', text: 'Te escribiremos con novedades.' }, nodeId: 'bye' },
    ]);
    expect(step.outcome).toBe('completed');
    expect(step.state.variables).toEqual({});
    // The id is not a {{variable}} the checks would look for.
    expect(checkFlow(enrol, { attributeKeys: [], flowIds: [] })).toEqual([]);
  });

  it('stops a loop with no customer step instead of spinning', () => {
    const loop = FlowDefinitionSchema.parse({
      nodes: [
        { id: 's', type: 'start' },
        { id: 'a', type: 'set', target: 'variable', key: 'x', value: '1' },
      ],
      edges: [
        { id: '1', source: 's', target: 'a' },
        { id: '2', source: 'a', target: 'a' },
      ],
    });
    expect(stepFlow(loop, null, { kind: 'start' }, ctx())).toMatchObject({
      outcome: 'completed',
      problem: 'loop',
    });
  });
});

describe('answers', () => {
  const q = (validate: 'number' | 'email' | 'date' | 'options', options: string[] = []) => {
    const node = FlowNodeSchema.parse({
      id: 'q',
      type: 'question',
      text: '?',
      saveTo: { kind: 'variable', key: 'v' },
      validate,
      options,
    });
    if (node.type !== 'question') throw new Error('not a question');
    return node;
  };
  it.each([
    ['number', '12,5', '12.5'],
    ['number', 'doce', null],
    ['email', 'Ana@Example.com', 'ana@example.com'],
    ['email', 'ana@', null],
    ['date', '31/12/2026', '2026-12-31'],
    ['date', '2026-02-30', null],
  ] as const)('%s: "%s" -> %s', (validate, text, expected) => {
    expect(validAnswer(q(validate), text)).toBe(expected);
  });
  it('matches options like keywords: accents, case and a typo', () => {
    const node = q('options', ['Envío a domicilio', 'Recogida en tienda']);
    expect(validAnswer(node, 'envio a domicilio')).toBe('Envío a domicilio');
    expect(validAnswer(node, 'RECOGIDA EN TIEDA')).toBe('Recogida en tienda');
    expect(validAnswer(node, 'otra cosa')).toBeNull();
  });
});

describe('checks before publishing', () => {
  const known = { attributeKeys: ['city'], flowIds: [] };
  it('passes the shop’s flow', () => {
    expect(checkFlow(flow, known)).toEqual([]);
  });
  it('names the node at fault: unreachable, a branch with no edge, an unknown variable, a send after a day of waiting', () => {
    const broken = FlowDefinitionSchema.parse({
      ...shop,
      nodes: [
        ...shop.nodes,
        { id: 'lonely', type: 'message', message: { type: 'text', text: 'Nadie llega aquí' } },
        { id: 'later', type: 'wait', minutes: 25 * 60 },
        { id: 'late', type: 'message', message: { type: 'text', text: 'Hola {{apodo}}' } },
      ],
      edges: [
        ...shop.edges.filter((e) => e.id !== 'e11'),
        { id: 'w1', source: 'track', target: 'later' },
        { id: 'w2', source: 'later', target: 'late' },
      ],
    });
    expect(checkFlow(broken, known)).toEqual(
      expect.arrayContaining([
        { nodeId: 'lonely', code: 'unreachable' },
        { nodeId: 'open', code: 'missing_branch', detail: 'false' },
        { nodeId: 'late', code: 'unknown_variable', detail: 'apodo' },
        { nodeId: 'late', code: 'outside_window' },
      ]),
    );
  });
});

describe('an HTTP step', () => {
  const lookup = FlowDefinitionSchema.parse({
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'ask',
        type: 'question',
        text: '¿Número de pedido?',
        saveTo: { kind: 'variable', key: 'order' },
      },
      {
        id: 'call',
        type: 'http',
        method: 'POST',
        url: 'https://shop.example/orders/{{order}}?who={{contact.name}}',
        headers: [{ name: 'Authorization', value: 'Bearer abc' }],
        body: '{"order": "{{order}}", "note": "{{contact.name}}"}',
        map: [
          { path: 'status', variable: 'estado' },
          { path: 'items.0.name', variable: 'producto' },
        ],
      },
      { id: 'ok', type: 'end', text: 'Tu pedido está {{estado}} ({{producto}}).' },
      { id: 'ko', type: 'handoff', text: 'No lo encuentro ({{http_status}}); te paso con el equipo.' },
    ],
    edges: [
      { id: 'a', source: 'start', target: 'ask' },
      { id: 'b', source: 'ask', target: 'call' },
      { id: 'c', source: 'call', sourceHandle: 'success', target: 'ok' },
      { id: 'd', source: 'call', sourceHandle: 'error', target: 'ko' },
    ],
  });
  const asked = stepFlow(lookup, null, { kind: 'start' }, ctx()).state;
  const typed = (text: string) =>
    stepFlow(lookup, asked, { kind: 'message', text, replyId: null, replyTitle: null }, ctx());

  it('fills the address URL-encoded and the body as JSON strings, and waits for the answer', () => {
    const step = typed('A/7 "x"');
    expect(step.outcome).toBe('waiting_http');
    const call = step.effects.find((e) => e.type === 'http');
    expect(call).toMatchObject({
      request: {
        method: 'POST',
        url: 'https://shop.example/orders/A%2F7%20%22x%22?who=Luc%C3%ADa%20G%C3%B3mez',
        headers: { Authorization: 'Bearer abc' },
        timeoutMs: 10_000,
      },
    });
    expect(JSON.parse((call as { request: { body: string } }).request.body)).toEqual({
      order: 'A/7 "x"',
      note: 'Lucía Gómez',
    });
  });

  it('keeps the answer’s fields and goes on by success, or by error with the status', () => {
    const waiting = typed('77').state;
    const ok = stepFlow(
      lookup,
      waiting,
      { kind: 'http', status: 200, json: { status: 'enviado', items: [{ name: 'Taza' }] }, error: null },
      ctx(),
    );
    expect(says(ok)).toEqual(['Tu pedido está enviado (Taza).']);
    expect(ok.outcome).toBe('completed');
    const ko = stepFlow(lookup, waiting, { kind: 'http', status: 404, json: null, error: null }, ctx());
    expect(says(ko)).toEqual(['No lo encuentro (404); te paso con el equipo.']);
    expect(ko.outcome).toBe('handed_off');
    const none = stepFlow(
      lookup,
      waiting,
      { kind: 'http', status: null, json: null, error: 'timeout' },
      ctx(),
    );
    expect(none.outcome).toBe('handed_off');
  });

  it('a customer writing meanwhile does not move it', () => {
    const waiting = typed('77').state;
    const step = stepFlow(
      lookup,
      waiting,
      { kind: 'message', text: 'hola?', replyId: null, replyTitle: null },
      ctx(),
    );
    expect(step).toMatchObject({ outcome: 'waiting_http', effects: [], state: { nodeId: 'call' } });
  });

  it('must have both branches and a body that is JSON', () => {
    expect(checkFlow(lookup, { attributeKeys: [], flowIds: [] })).toEqual([]);
    const broken = FlowDefinitionSchema.parse({
      ...lookup,
      nodes: lookup.nodes.map((n) => (n.type === 'http' ? { ...n, body: '{"order": {{order}}' } : n)),
      edges: lookup.edges.filter((e) => e.id !== 'd'),
    });
    expect(checkFlow(broken, { attributeKeys: [], flowIds: [] })).toEqual(
      expect.arrayContaining([
        { nodeId: 'call', code: 'missing_branch', detail: 'error' },
        { nodeId: 'call', code: 'invalid_body' },
      ]),
    );
  });
});
