import type { FlowDefinitionInput } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { requestsAs, simulatedCustomers } from './automation-harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const api = requestsAs(() => t)(() => t.cookie);
const { writes, conversationOf } = simulatedCustomers(() => t, { name: 'Lucía Gómez' });

/** Greets, enrols the customer in the sequence, says goodbye. */
const enrolling = (sequenceId: string): FlowDefinitionInput => ({
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'drip', type: 'set', target: 'sequence', key: sequenceId },
    { id: 'bye', type: 'end', text: 'Te escribiremos con novedades.' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'drip' },
    { id: 'e2', source: 'drip', target: 'bye' },
  ],
});

describe('a bot enrols the customer in a sequence', () => {
  it('refuses to publish a step naming a sequence that does not exist, naming the node', async () => {
    const created = await api('POST', '/api/flows', {
      name: 'Novedades (mala)',
      draft: enrolling('0b8e6a0e-8a4f-4a5e-9d1c-2f3a4b5c6d7e'),
    });
    expect(created.statusCode, created.body).toBe(201);
    const refused = await api('POST', `/api/flows/${created.json().id}/publish`);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'flow_invalid',
      fields: [expect.objectContaining({ path: 'nodes.drip', code: 'unknown_sequence' })],
    });
  });

  it('enrols the conversation’s contact when the bot runs, and the thread says which bot did', async () => {
    const sequence = await api('POST', '/api/sequences', {
      name: 'Novedades',
      channelId: t.sandbox.id,
      window: { timeZone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' },
      steps: [{ delay: { amount: 2, unit: 'days' }, message: { type: 'text', text: 'Hola' } }],
    });
    expect(sequence.statusCode, sequence.body).toBe(201);
    const sequenceId: string = sequence.json().id;
    const flow = await api('POST', '/api/flows', { name: 'Novedades', draft: enrolling(sequenceId) });
    const published = await api('POST', `/api/flows/${flow.json().id}/publish`);
    expect(published.statusCode, published.body).toBe(200);

    writes('34677000001', 'Hola');
    const conversationId = await conversationOf('34677000001');
    const started = await api('POST', `/api/conversations/${conversationId}/bot/start`, {
      flowId: flow.json().id,
    });
    expect(started.statusCode, started.body).toBe(202);

    const [enrolment] = await t.waitFor(async () => {
      const list = (await api('GET', `/api/sequences/${sequenceId}/enrollments`)).json().enrollments;
      return list.length > 0 && list;
    }, 'the enrolment');
    expect(enrolment).toMatchObject({
      status: 'active',
      step: 0,
      enrolledBy: 'flow',
      contact: expect.objectContaining({ name: 'Lucía Gómez' }),
    });
    const thread = (await api('GET', `/api/conversations/${conversationId}`)).json();
    expect(thread.events).toContainEqual(
      expect.objectContaining({
        kind: 'automation',
        to: 'enrolled',
        note: 'Novedades',
        automatedBy: expect.objectContaining({ kind: 'flow', id: flow.json().id }),
      }),
    );
    await t.waitFor(
      async () =>
        t.simulator
          .sends(t.sandbox.phoneNumberId)
          .some(
            (s) => (s.body as { text?: { body: string } }).text?.body === 'Te escribiremos con novedades.',
          ),
      'the goodbye',
    );
  });
});
