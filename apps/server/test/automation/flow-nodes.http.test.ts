import type { FlowDefinitionInput } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { requestsAs, simulatedCustomers } from './automation-harness';

// The steps the shop's bot in flows.http.test.ts does not use, through the simulator: a condition
// on an answer and on the business hours, saving a tag and a contact field, a wait, and going to
// another bot.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const api = requestsAs(() => t)(() => t.cookie);
const { newCustomer, writes, received, waitReceived } = simulatedCustomers(() => t, {
  prefix: '34655',
  name: 'Marta Ruiz',
});

async function publish(name: string, draft: FlowDefinitionInput): Promise<string> {
  const flow = (await api('POST', '/api/flows', { name })).json();
  expect((await api('PUT', `/api/flows/${flow.id}`, { name, draft })).statusCode).toBe(200);
  const published = await api('POST', `/api/flows/${flow.id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
  return flow.id;
}

const contactOf = async (waId: string) =>
  (
    await t.container.db.query<{ tags: string[]; attributes: Record<string, unknown> }>(
      'SELECT tags, attributes FROM contacts WHERE wa_id = $1',
      [waId],
    )
  )[0]!;

describe('condition, set, wait and go-to steps with a customer on WhatsApp', () => {
  it('branches on the answer, saves a tag and a field, waits, then hands over to another bot', async () => {
    const survey = await publish('Encuesta', {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'q', type: 'end', text: 'Gracias por contestar la encuesta, {{contact.first_name}}.' },
      ],
      edges: [{ id: 'a', source: 'start', target: 'q' }],
    });
    const main = await publish('Pedidos grandes', {
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'size',
          type: 'question',
          text: '¿Cuántas unidades quieres?',
          saveTo: { kind: 'variable', key: 'unidades' },
          validate: 'number',
        },
        { id: 'big', type: 'condition', checks: [{ subject: 'unidades', op: 'greater', value: '99' }] },
        { id: 'tag', type: 'set', target: 'tag', key: 'mayorista' },
        { id: 'field', type: 'set', target: 'attribute', key: 'pedido_min', value: '{{unidades}}' },
        { id: 'ok', type: 'message', message: { type: 'text', text: 'Apuntado: {{unidades}} unidades.' } },
        { id: 'pause', type: 'wait', minutes: 30 },
        { id: 'later', type: 'message', message: { type: 'text', text: 'Ya tenemos tu presupuesto.' } },
        { id: 'next', type: 'goto', flowId: survey },
        { id: 'small', type: 'end', text: 'Para menos de 100 unidades, compra en la web.' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'size' },
        { id: 'e2', source: 'size', target: 'big' },
        { id: 'e3', source: 'big', sourceHandle: 'true', target: 'tag' },
        { id: 'e4', source: 'big', sourceHandle: 'false', target: 'small' },
        { id: 'e5', source: 'tag', target: 'field' },
        { id: 'e6', source: 'field', target: 'ok' },
        { id: 'e7', source: 'ok', target: 'pause' },
        { id: 'e8', source: 'pause', target: 'later' },
        { id: 'e9', source: 'later', target: 'next' },
      ],
    });
    const rule = await api('POST', '/api/automation/rules', {
      name: 'Mayoristas',
      enabled: true,
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['presupuesto'], mode: 'contains' }],
      actions: [{ type: 'start_flow', flowId: main }],
    });
    expect(rule.statusCode, rule.body).toBe(201);

    t.clock.set(new Date());
    const big = newCustomer();
    const small = newCustomer();
    writes(big, 'Quiero un presupuesto');
    writes(small, 'Hola, presupuesto por favor');
    await waitReceived(big, 1);
    await waitReceived(small, 1);
    writes(big, '250');
    writes(small, '12');
    expect(await waitReceived(small, 2)).toEqual([
      '¿Cuántas unidades quieres?',
      'Para menos de 100 unidades, compra en la web.',
    ]);
    expect(await waitReceived(big, 2)).toEqual(['¿Cuántas unidades quieres?', 'Apuntado: 250 unidades.']);
    expect(await contactOf(big)).toMatchObject({ tags: ['mayorista'], attributes: { pedido_min: '250' } });
    expect((await contactOf(small)).tags).toEqual([]);

    // Nothing before the wait is over; then the rest, and the other bot takes over.
    await new Promise((r) => setTimeout(r, 300));
    expect(received(big)).toHaveLength(2);
    t.clock.advance(31 * 60_000);
    t.container.automationWorker.wake();
    expect(await waitReceived(big, 4)).toEqual([
      '¿Cuántas unidades quieres?',
      'Apuntado: 250 unidades.',
      'Ya tenemos tu presupuesto.',
      'Gracias por contestar la encuesta, Marta.',
    ]);
  });

  it('a condition on the business hours answers open or closed by the workspace calendar', async () => {
    const hours = await publish('Horario', {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'open', type: 'condition', checks: [{ subject: 'hours', op: 'open' }] },
        { id: 'yes', type: 'end', text: 'Estamos abiertos.' },
        { id: 'no', type: 'end', text: 'Ahora estamos cerrados.' },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'open' },
        { id: 'b', source: 'open', sourceHandle: 'true', target: 'yes' },
        { id: 'c', source: 'open', sourceHandle: 'false', target: 'no' },
      ],
    });
    await api('POST', '/api/automation/rules', {
      name: 'Horario',
      enabled: true,
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['abierto'], mode: 'contains' }],
      actions: [{ type: 'start_flow', flowId: hours }],
    });
    // Open all day every day, but today is a holiday in Madrid: closed; without the holiday: open.
    t.clock.set(new Date());
    const allDay = Array.from({ length: 7 }, () => [{ from: '00:00', to: '24:00' }]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(new Date());
    const hoursWith = async (holidays: { date: string; yearly: boolean; name: string }[]) => {
      const saved = await api('PUT', '/api/business-hours', {
        timeZone: 'Europe/Madrid',
        days: allDay,
        holidays,
      });
      expect(saved.statusCode, saved.body).toBe(200);
    };
    await hoursWith([{ date: today, yearly: false, name: 'Fiesta local' }]);
    const onHoliday = newCustomer();
    writes(onHoliday, '¿Está abierto?');
    expect((await waitReceived(onHoliday, 1))[0]).toBe('Ahora estamos cerrados.');
    await hoursWith([]);
    const onWorkday = newCustomer();
    writes(onWorkday, '¿Está abierto?');
    expect((await waitReceived(onWorkday, 1))[0]).toBe('Estamos abiertos.');
  });
});
