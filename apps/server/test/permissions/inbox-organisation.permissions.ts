import type { PermissionSpec } from './permission-spec';

const unique = () => Math.random().toString(36).slice(2, 8);

/** Labels, saved views, attribute edits and contact merge (modules/inbox/labels, views, contacts). */
export const spec: PermissionSpec = {
  // Fresh labels, views, attributes and two contacts to merge, made by the owner for each round.
  async prepare({ t, conversationId }) {
    const as = (method: 'POST', url: string, payload: object) =>
      t.app
        .inject({ method, url, headers: { cookie: t.cookie }, payload })
        .then((r) => r.json().id as string);
    const label = () => as('POST', '/api/labels', { name: `L ${unique()}`, color: 'blue' });
    const view = () =>
      as('POST', '/api/views', {
        kind: 'conversations',
        name: 'Mine',
        shared: true,
        filters: { status: 'open' },
      });
    const attribute = () =>
      as('POST', '/api/contacts/attributes', { key: `k${unique()}`, label: 'K', type: 'text' });
    const [ws] = await t.container.db.query<{ workspace_id: string }>(
      'SELECT workspace_id FROM conversations WHERE id = $1',
      [conversationId],
    );
    const [a, b] = await t.container.db.query<{ id: string }>(
      `INSERT INTO contacts (workspace_id, name, phone) VALUES ($1, 'Ana', '+34600000001'), ($1, 'Ana B', NULL)
       RETURNING id`,
      [ws!.workspace_id],
    );
    return {
      labelId: await label(),
      labelToDelete: await label(),
      viewId: await view(),
      viewToDelete: await view(),
      attributeId: await attribute(),
      attributeToDelete: await attribute(),
      contactA: a!.id,
      contactB: b!.id,
    };
  },
  rows: [
    ['GET', () => '/api/labels', undefined, 200, 200, 200, 200],
    ['POST', () => '/api/labels', () => ({ name: `N ${unique()}`, color: 'red' }), 201, 201, 403, 201],
    [
      'PUT',
      ({ labelId }) => `/api/labels/${labelId}`,
      () => ({ name: `R ${unique()}`, color: 'green' }),
      200,
      200,
      403,
      404,
    ],
    ['DELETE', ({ labelToDelete }) => `/api/labels/${labelToDelete}`, undefined, 204, 204, 403, 404],
    [
      'PUT',
      ({ conversationId, labelId }) => `/api/conversations/${conversationId}/labels/${labelId}`,
      undefined,
      200,
      200,
      403,
      404,
    ],
    [
      'DELETE',
      ({ conversationId, labelId }) => `/api/conversations/${conversationId}/labels/${labelId}`,
      undefined,
      200,
      200,
      403,
      404,
    ],
    ['GET', () => '/api/views?kind=conversations', undefined, 200, 200, 200, 200],
    [
      'POST',
      () => '/api/views',
      { kind: 'contacts', name: 'VIP', filters: { tags: ['vip'] } },
      201,
      201,
      201,
      201,
    ],
    [
      'POST',
      () => '/api/views',
      { kind: 'contacts', name: 'Shared', shared: true, filters: {} },
      201,
      201,
      403,
      201,
    ],
    ['PUT', ({ viewId }) => `/api/views/${viewId}`, { name: 'Renamed' }, 200, 200, 403, 404],
    ['DELETE', ({ viewToDelete }) => `/api/views/${viewToDelete}`, undefined, 204, 204, 403, 404],
    [
      'PUT',
      ({ attributeId }) => `/api/contacts/attributes/${attributeId}`,
      { label: 'New' },
      200,
      200,
      403,
      404,
    ],
    [
      'DELETE',
      ({ attributeToDelete }) => `/api/contacts/attributes/${attributeToDelete}`,
      undefined,
      204,
      204,
      403,
      404,
    ],
    [
      'GET',
      ({ contactA, contactB }) => `/api/contacts/${contactA}/merge-preview?sourceId=${contactB}`,
      undefined,
      200,
      200,
      403,
      404,
    ],
    [
      'POST',
      ({ contactA }) => `/api/contacts/${contactA}/merge`,
      ({ contactB }) => ({ sourceId: contactB }),
      200,
      200,
      403,
      404,
    ],
  ],
};
