import type { PermissionSpec } from './permission-spec';

/** Webhooks out (modules/api): owners and admins; another workspace's owner reaches none of these. */
export const spec: PermissionSpec = {
  /** A fresh subscription (to an address Charla refuses, so nothing leaves) and one delivery of it. */
  async prepare({ t, cookies }) {
    const headers = { cookie: cookies.owner };
    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers,
      payload: { url: 'http://10.255.0.1/hook', events: ['message.received'] },
    });
    if (sub.statusCode !== 201) throw new Error(`subscribing failed: ${sub.body}`);
    const test = await t.app.inject({ method: 'POST', url: `/api/webhooks/${sub.json().id}/test`, headers });
    return { webhookId: sub.json().id, deliveryId: test.json().deliveryId };
  },
  rows: [
    // The catalogue is documentation: any member may read it.
    ['GET', () => '/api/webhooks/events', undefined, 200, 200, 200, 200],
    [
      'GET',
      () => '/api/webhooks',
      undefined,
      200,
      200,
      403,
      200,
      undefined,
      (json, role) => role !== 'foreign' || (json as unknown[]).length === 0,
    ],
    [
      'POST',
      () => '/api/webhooks',
      { url: 'https://example.com/hook', events: ['message.sent'] },
      201,
      201,
      403,
      201,
    ],
    ['PATCH', (ids) => `/api/webhooks/${ids.webhookId}`, { description: 'CRM' }, 200, 200, 403, 404],
    ['POST', (ids) => `/api/webhooks/${ids.webhookId}/rotate-secret`, undefined, 200, 200, 403, 404],
    ['POST', (ids) => `/api/webhooks/${ids.webhookId}/test`, undefined, 202, 202, 403, 404],
    ['GET', (ids) => `/api/webhooks/${ids.webhookId}/deliveries`, undefined, 200, 200, 403, 404],
    ['POST', (ids) => `/api/webhooks/deliveries/${ids.deliveryId}/replay`, undefined, 202, 202, 403, 404],
    ['DELETE', (ids) => `/api/webhooks/${ids.webhookId}`, undefined, 204, 204, 403, 404],
  ],
};
