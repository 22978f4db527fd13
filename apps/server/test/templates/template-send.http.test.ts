import type { Message, Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, FILES, openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import {
  approvedTemplate,
  orderUpdate,
  simulatorTemplateEvent,
  templatesApi,
  uniqueName,
} from './template-fixtures';

let t: TestApp;
let api: ReturnType<typeof apiOf>;
let template: Template;
const waId = '5491155550101';
let conv: { id: string };

beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
  api = apiOf(t);
  conv = await openConversation(t, waId, 'Hola, ¿dónde está mi pedido?');
  template = await approvedTemplate(t);
});
afterAll(() => t?.close());

const values = {
  header: '7781',
  headerMediaId: null,
  body: { first_name: 'Lucía', order_number: '7781' },
  buttons: { 0: 'pedido%2F7781' },
};
const send = (templateId: string, v: object = values, conversationId = conv.id) =>
  api.call('POST', `/api/conversations/${conversationId}/messages`, { template: { templateId, values: v } });

describe('sending a template from a conversation', () => {
  it('is allowed after the 24-hour window closed, and Meta receives the exact template with its values', async () => {
    t.clock.advance(25 * 3600_000);
    const text = await api.call('POST', `/api/conversations/${conv.id}/messages`, { text: '¿Sigues ahí?' });
    expect(text.statusCode).toBe(422);
    expect(text.json().error.code).toBe('window_closed');
    expect(text.json().error.message).toMatch(/send an approved template/);

    const before = t.simulator.sends(t.sandbox.phoneNumberId).length;
    const res = await send(template.id);
    expect(res.statusCode, res.body).toBe(202);
    const queued: Message = res.json();
    expect(queued.content).toMatchObject({
      type: 'template',
      template: {
        templateId: template.id,
        headerText: 'Pedido 7781',
        body: 'Hola Lucía, tu pedido 7781 ya está en camino a tu casa.',
        buttons: [
          { type: 'url', text: 'Seguir envío', url: 'https://luna.example/track/pedido%2F7781' },
          { type: 'quick_reply', text: 'Gracias' },
        ],
      },
    });
    const sent = await t.waitFor(async () => {
      const m = await api.message(conv.id, queued.id);
      return m && m.status !== 'queued' && m;
    }, 'the template to be accepted');
    expect(sent.status, JSON.stringify(sent.error)).not.toBe('failed');
    const sends = t.simulator.sends(t.sandbox.phoneNumberId).slice(before);
    expect(sends).toHaveLength(1);
    expect(sends[0]!.responseStatus).toBe(200);
    expect(sends[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: `+${waId}`,
      // Echoed in the statuses: settles the send if its answer is lost.
      biz_opaque_callback_data: `msg:${queued.id}`,
      type: 'template',
      template: {
        name: template.name,
        language: { code: 'es' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: '7781', parameter_name: 'order_number' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Lucía', parameter_name: 'first_name' },
              { type: 'text', text: '7781', parameter_name: 'order_number' },
            ],
          },
          {
            type: 'button',
            sub_type: 'url',
            index: '0',
            parameters: [{ type: 'text', text: 'pedido%2F7781' }],
          },
        ],
      },
    });
  });

  it('sends an image header: the sample went to review, the file goes to the customer', async () => {
    const picture = await api.upload(conv.id, FILES.png, 'menu.png');
    expect(picture.status, JSON.stringify(picture.body)).toBe(201);
    const withImage = await approvedTemplate(t, {
      ...orderUpdate(uniqueName('menu')),
      header: { format: 'image', exampleMediaId: picture.body.id },
    });
    const handle = t.simulator.templates(t.sandbox.wabaId).find((x) => x.id === withImage.externalId);
    expect(JSON.stringify(handle?.components)).toMatch(/"header_handle":\["4::/);

    const missing = await send(withImage.id, { body: values.body, buttons: values.buttons });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.fields).toEqual([
      { path: 'values.headerMediaId', message: 'Fill in the header file' },
    ]);

    const before = t.simulator.sends(t.sandbox.phoneNumberId).length;
    const res = await send(withImage.id, { ...values, header: null, headerMediaId: picture.body.id });
    expect(res.statusCode, res.body).toBe(202);
    await t.waitFor(async () => (await api.message(conv.id, res.json().id))?.status !== 'queued', 'the send');
    const [row] = await t.container.db.query<{ external_id: string }>(
      'SELECT external_id FROM media WHERE id = $1',
      [picture.body.id],
    );
    const body = t.simulator.sends(t.sandbox.phoneNumberId).slice(before)[0]?.body as {
      template: { components: unknown[] };
    };
    expect(body.template.components[0]).toEqual({
      type: 'header',
      parameters: [{ type: 'image', image: { id: row!.external_id } }],
    });
  });

  it('names each variable still to fill, and queues nothing', async () => {
    const before = t.simulator.sends().length;
    const res = await send(template.id, { header: '7781', body: { first_name: ' ' } });
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('template_values_missing');
    expect(error.message).toMatch(/\{\{first_name\}\}.*\{\{order_number\}\}.*button 1/);
    expect(error.fields.map((f: { path: string }) => f.path)).toEqual([
      'values.body.first_name',
      'values.body.order_number',
      'values.buttons.0',
    ]);
    const thread = await api.thread(conv.id);
    expect(thread.messages.filter((m) => m.status === 'queued')).toEqual([]);
    expect(t.simulator.sends().length).toBe(before);
  });

  it('refuses a template that is not approved, saying its status', async () => {
    const draft = (await templatesApi(t).create(orderUpdate(), false)).json();
    const res = await send(draft.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('template_not_approved');
    expect(res.json().error.message).toMatch(/draft that was never submitted/);
  });

  it('refuses a paused template before it reaches WhatsApp', async () => {
    const paused = await approvedTemplate(t);
    await simulatorTemplateEvent(t, paused.externalId!, 'PAUSED');
    await templatesApi(t).until(paused.id, 'paused');
    const before = t.simulator.sends().length;
    const res = await send(paused.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/paused it for low quality/);
    expect(t.simulator.sends().length).toBe(before);
  });

  it('refuses a marketing template to a contact who opted out, but not a utility one', async () => {
    const promo = await approvedTemplate(t, {
      ...orderUpdate(uniqueName('promo')),
      category: 'marketing',
      header: null,
      buttons: [],
      body: 'Hola {{first_name}}, esta semana tenemos un regalo para tu pedido {{order_number}} en la tienda.',
    });
    const { contact } = (await api.thread(conv.id)).conversation;
    const optOut = await t.app.inject({
      method: 'PATCH',
      url: `/api/contacts/${contact.id}`,
      headers: { cookie: t.cookie },
      payload: { optIn: 'opted_out' },
    });
    expect(optOut.statusCode, optOut.body).toBe(200);
    const res = await send(promo.id, { body: { first_name: 'Lucía', order_number: '1' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('contact_opted_out');
    expect((await send(template.id)).statusCode).toBe(202);
  });
});
