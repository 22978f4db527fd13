import type { PermissionSpec } from './permission-spec';

const shopify = (channelId: string) => ({
  shopDomain: 'matriz.myshopify.com',
  webhookSecret: 'shpss_matriz_secret',
  channelId,
});

/** Incoming webhook triggers and Shopify (modules/integrations): owners and admins; another workspace reaches none. */
export const spec: PermissionSpec = {
  /** A fresh trigger of the test workspace each round (a sequence action needs no template). */
  async prepare({ t, cookies }) {
    const headers = { cookie: cookies.owner };
    const sequence = await t.app.inject({
      method: 'POST',
      url: '/api/sequences',
      headers,
      payload: {
        name: `Matriz ${Math.random().toString(36).slice(2, 8)}`,
        channelId: t.sandbox.id,
        window: { timeZone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' },
        steps: [{ delay: { amount: 1, unit: 'hours' }, message: { type: 'text', text: 'Hola' } }],
      },
    });
    if (sequence.statusCode !== 201) throw new Error(`making a sequence failed: ${sequence.body}`);
    const body = {
      name: 'Matriz',
      channelId: t.sandbox.id,
      action: { kind: 'sequence', sequenceId: sequence.json().id },
      mapping: { phone: 'phone' },
    };
    const trigger = await t.app.inject({
      method: 'POST',
      url: '/api/integrations/triggers',
      headers,
      payload: body,
    });
    if (trigger.statusCode !== 201) throw new Error(`making a trigger failed: ${trigger.body}`);
    const shop = await t.app.inject({
      method: 'PUT',
      url: '/api/integrations/shopify',
      headers,
      payload: shopify(t.sandbox.id),
    });
    if (shop.statusCode !== 200) throw new Error(`connecting the shop failed: ${shop.body}`);
    return { triggerId: trigger.json().id, sequenceId: sequence.json().id, channelId: t.sandbox.id };
  },
  rows: [
    ['GET', () => '/api/integrations/triggers', undefined, 200, 200, 403, 200],
    [
      'POST',
      () => '/api/integrations/triggers',
      (ids) => ({
        name: 'Otra',
        channelId: ids.channelId!,
        action: { kind: 'sequence', sequenceId: ids.sequenceId! },
        mapping: { phone: 'phone' },
      }),
      201,
      201,
      403,
      422,
    ],
    [
      'PATCH',
      (ids) => `/api/integrations/triggers/${ids.triggerId}`,
      { name: 'Cambiada' },
      200,
      200,
      403,
      404,
    ],
    [
      'POST',
      (ids) => `/api/integrations/triggers/${ids.triggerId}/rotate-secret`,
      undefined,
      200,
      200,
      403,
      404,
    ],
    ['GET', (ids) => `/api/integrations/triggers/${ids.triggerId}/payloads`, undefined, 200, 200, 403, 404],
    ['DELETE', (ids) => `/api/integrations/triggers/${ids.triggerId}`, undefined, 204, 204, 403, 404],
    ['GET', () => '/api/integrations/shopify', undefined, 200, 200, 403, 200],
    ['PUT', () => '/api/integrations/shopify', (ids) => shopify(ids.channelId!), 200, 200, 403, 422],
    ['GET', () => '/api/integrations/shopify/events', undefined, 200, 200, 403, 200],
    ['DELETE', () => '/api/integrations/shopify', undefined, 204, 204, 403, 404],
  ],
};
