import { createHmac } from 'node:crypto';
import type { IncomingPayload, IncomingTriggerWithSecret, Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate } from '../templates/template-fixtures';

let t: TestApp;
let template: Template;

beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
  template = await approvedTemplate(t);
});
afterAll(() => t?.close());

const session = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  cookie = t.cookie,
) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

/** A WooCommerce "order created" payload, trimmed to what the mapping reads. */
const order = (number: number, phone: string | null, first = 'Lucía') => ({
  id: 7000 + number,
  number: String(number),
  billing: { first_name: first, last_name: 'Paz', ...(phone ? { phone } : {}) },
  line_items: [{ name: 'Zapatilla Río', quantity: 1 }],
});

async function orderTrigger(): Promise<IncomingTriggerWithSecret> {
  const res = await session('POST', '/api/integrations/triggers', {
    name: 'WooCommerce: pedido nuevo',
    channelId: t.sandbox.id,
    action: { kind: 'template', templateId: template.id },
    mapping: {
      phone: 'billing.phone',
      name: '$.billing.first_name',
      values: {
        header: 'number',
        body: { first_name: 'billing.first_name', order_number: 'number' },
        buttons: { 0: 'id' },
      },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Posts like the shop does: to the trigger's own address, JSON, with the secret. */
const post = (
  trigger: IncomingTriggerWithSecret,
  body: unknown,
  headers: Record<string, string> = { 'x-charla-secret': trigger.secret },
) =>
  t.app.inject({
    method: 'POST',
    url: new URL(trigger.url).pathname,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });

const sendsTo = (to: string) =>
  t.simulator.sends(t.sandbox.phoneNumberId).filter((s) => (s.body as { to?: string }).to === to);

const payloads = async (id: string): Promise<IncomingPayload[]> =>
  (await session('GET', `/api/integrations/triggers/${id}/payloads`)).json();

describe('incoming webhook triggers', () => {
  it('an order posted by the shop sends the template with its fields to a new customer, named as in the order', async () => {
    const trigger = await orderTrigger();
    expect(trigger.url).toMatch(/\/webhooks\/in\/[\w-]{20,}$/);
    const res = await post(trigger, order(1001, '+52 55 6000 0001'));
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ outcome: 'sent', messageId: expect.any(String) });
    await t.waitFor(async () => sendsTo('+525560000001').length === 1, 'the template at the customer');
    expect(sendsTo('+525560000001')[0]!.body).toMatchObject({
      type: 'template',
      template: {
        name: template.name,
        components: expect.arrayContaining([
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Lucía', parameter_name: 'first_name' },
              { type: 'text', text: '1001', parameter_name: 'order_number' },
            ],
          },
        ]),
      },
    });
    const [contact] = await t.container.db.query<{ name: string }>(
      'SELECT name FROM contacts WHERE id = $1',
      [res.json().contactId],
    );
    expect(contact!.name).toBe('Lucía');
    const [kept] = await payloads(trigger.id);
    expect(kept).toMatchObject({ outcome: 'sent', body: order(1001, '+52 55 6000 0001') });
  });

  it('accepts an HMAC signature instead of the secret; refuses a wrong secret and keeps nothing', async () => {
    const trigger = await orderTrigger();
    const body = order(1002, '+52 55 6000 0002');
    const signature = createHmac('sha256', trigger.secret).update(JSON.stringify(body)).digest('hex');
    const signed = await post(trigger, body, { 'x-charla-signature': `sha256=${signature}` });
    expect(signed.statusCode, signed.body).toBe(202);
    const wrong = await post(trigger, order(1003, '+52 55 6000 0003'), { 'x-charla-secret': 'not-it' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toMatch(/X-Charla-Secret/);
    const forged = await post(trigger, order(1003, '+52 55 6000 0003'), {
      'x-charla-signature': `sha256=${signature}`,
    });
    expect(forged.statusCode).toBe(401);
    expect((await payloads(trigger.id)).map((p) => p.outcome)).toEqual(['sent']);
    expect(sendsTo('+525560000003')).toEqual([]);
  });

  it('a delivery the shop retries (same delivery id) is acted on once', async () => {
    const trigger = await orderTrigger();
    const headers = { 'x-charla-secret': trigger.secret, 'x-wc-webhook-delivery-id': 'd-77' };
    const first = await post(trigger, order(1004, '+52 55 6000 0004'), headers);
    const again = await post(trigger, order(1004, '+52 55 6000 0004'), headers);
    expect(first.json().outcome).toBe('sent');
    expect(again.json()).toMatchObject({ outcome: 'duplicate', messageId: first.json().messageId });
    await t.waitFor(async () => sendsTo('+525560000004').length > 0, 'the template');
    expect(sendsTo('+525560000004')).toHaveLength(1);
    expect((await payloads(trigger.id)).map((p) => p.outcome)).toEqual(['duplicate', 'sent']);
  });

  it('a payload without the phone or a variable answers 422 naming the path, and the payload is kept as failed to help fix the mapping', async () => {
    const trigger = await orderTrigger();
    const noPhone = await post(trigger, order(1005, null));
    expect(noPhone.statusCode).toBe(422);
    expect(noPhone.json().error).toMatchObject({
      code: 'phone_missing',
      fields: [{ path: 'billing.phone' }],
    });
    const noName = await post(trigger, order(1006, '+52 55 6000 0006', ''));
    expect(noName.statusCode).toBe(422);
    expect(noName.json().error.message).toContain('billing.first_name');
    const kept = await payloads(trigger.id);
    expect(kept.map((p) => p.outcome)).toEqual(['failed', 'failed']);
    expect(kept[1]!.detail).toMatch(/no phone number at billing\.phone/);
  });

  it('enrolls the customer in a sequence', async () => {
    const sequence = (
      await session('POST', '/api/sequences', {
        name: 'Carrito abandonado',
        channelId: t.sandbox.id,
        window: { timeZone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' },
        steps: [
          {
            delay: { amount: 1, unit: 'hours' },
            message: { type: 'text', text: '¿Te ayudamos a terminar tu compra?' },
          },
        ],
      })
    ).json();
    const res = await session('POST', '/api/integrations/triggers', {
      name: 'Formulario',
      channelId: t.sandbox.id,
      action: { kind: 'sequence', sequenceId: sequence.id },
      mapping: { phone: 'contact.phone' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const done = await post(res.json(), { contact: { phone: '+5215560000007' } });
    expect(done.statusCode, done.body).toBe(202);
    expect(done.json().outcome).toBe('enrolled');
    const rows = await t.container.db.query('SELECT 1 FROM sequence_enrollments WHERE contact_id = $1', [
      done.json().contactId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('starts a published bot with the customer; an unpublished bot is refused when saving', async () => {
    const flow = (await session('POST', '/api/flows', { name: 'Cita confirmada' })).json();
    const refused = await session('POST', '/api/integrations/triggers', {
      name: 'Calendly',
      channelId: t.sandbox.id,
      action: { kind: 'flow', flowId: flow.id },
      mapping: { phone: 'invitee.phone' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'flow_not_published',
      fields: [{ path: 'action.flowId', message: 'Not published yet' }],
    });
    const draft = {
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'ask',
          type: 'choice',
          text: '¿Confirmas tu cita de mañana?',
          options: [{ id: 'yes', title: 'Sí' }],
        },
        { id: 'bye', type: 'end', text: '¡Te esperamos!' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'ask' },
        { id: 'e2', source: 'ask', sourceHandle: 'option:yes', target: 'bye' },
      ],
    };
    expect(
      (await session('PUT', `/api/flows/${flow.id}`, { name: 'Cita confirmada', draft })).statusCode,
    ).toBe(200);
    const published = await session('POST', `/api/flows/${flow.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    const res = await session('POST', '/api/integrations/triggers', {
      name: 'Calendly',
      channelId: t.sandbox.id,
      action: { kind: 'flow', flowId: flow.id },
      mapping: { phone: 'invitee.phone', name: 'invitee.name' },
    });
    expect(res.statusCode, res.body).toBe(201);

    // The customer wrote this morning: the window is open for the bot's question.
    t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId: '5215560000008',
      name: 'Rosa',
      text: 'Hola',
    });
    await t.waitFor(
      async () =>
        (await t.container.db.query(`SELECT 1 FROM contacts WHERE wa_id = '5215560000008'`)).length > 0,
      'the customer',
    );
    const done = await post(res.json(), { invitee: { phone: '+52 1 55 6000 0008', name: 'Rosa' } });
    expect(done.statusCode, done.body).toBe(202);
    expect(done.json().outcome).toBe('started');
    await t.waitFor(
      async () =>
        sendsTo('+5215560000008').some((s) =>
          JSON.stringify(s.body).includes('¿Confirmas tu cita de mañana?'),
        ),
      'the bot asking the customer',
    );
    expect((await payloads(res.json().id))[0]).toMatchObject({
      outcome: 'started',
      contactId: done.json().contactId,
    });
  });

  it('are managed by owners and admins only; a turned-off trigger refuses payloads', async () => {
    const agent = await addMember(t, 'agent', 'Carla Agente');
    expect((await session('GET', '/api/integrations/triggers', undefined, agent.cookie)).statusCode).toBe(
      403,
    );
    const trigger = await orderTrigger();
    await session('PATCH', `/api/integrations/triggers/${trigger.id}`, { enabled: false });
    const off = await post(trigger, order(1008, '+52 55 6000 0008'));
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('trigger_off');
  });

  it('refuses a mapping for variables the template lacks, naming them; changes are in the activity log', async () => {
    const res = await session('POST', '/api/integrations/triggers', {
      name: 'Mal mapeado',
      channelId: t.sandbox.id,
      action: { kind: 'template', templateId: template.id },
      mapping: { phone: 'phone', values: { body: { first_name: 'name', coupon: 'code' } } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'template_values_unknown',
      fields: [{ path: 'mapping.values.body.coupon' }],
    });
    const trigger = await orderTrigger();
    await session('POST', `/api/integrations/triggers/${trigger.id}/rotate-secret`);
    await session('DELETE', `/api/integrations/triggers/${trigger.id}`);
    const lines = await t.container.db.query<{ action: string; target_label: string; actor_label: string }>(
      'SELECT action, target_label, actor_label FROM audit_log WHERE target_id = $1 ORDER BY id',
      [trigger.id],
    );
    expect(lines.map((l) => l.action)).toEqual([
      'integration.created',
      'integration.secret_rotated',
      'integration.deleted',
    ]);
    expect(lines[0]).toMatchObject({
      target_label: 'WooCommerce: pedido nuevo',
      actor_label: expect.stringMatching(/\S/),
    });
  });
});
