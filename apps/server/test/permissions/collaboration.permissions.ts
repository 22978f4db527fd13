import type { PermissionSpec } from './permission-spec';

/** Internal notes and canned responses (modules/inbox/notes, modules/inbox/canned). */
export const spec: PermissionSpec = {
  async prepare({ t }, role) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/canned-responses',
      headers: { cookie: t.cookie },
      payload: { shortcut: `prep-${role}`, body: 'Hola {{contact.name}}' },
    });
    return { cannedId: res.json().id };
  },
  rows: [
    [
      'POST',
      ({ conversationId }) => `/api/conversations/${conversationId}/notes`,
      { body: 'Ojo con este cliente' },
      201,
      201,
      403,
      404,
    ],
    ['GET', () => '/api/canned-responses', undefined, 200, 200, 200, 200],
    [
      'POST',
      () => '/api/canned-responses',
      () => ({ shortcut: `s${Math.random().toString(36).slice(2, 8)}`, body: 'Gracias' }),
      201,
      201,
      403,
      201,
    ],
    [
      'PUT',
      ({ cannedId }) => `/api/canned-responses/${cannedId}`,
      () => ({ shortcut: `r${Math.random().toString(36).slice(2, 8)}`, body: 'Gracias' }),
      200,
      200,
      403,
      404,
    ],
    ['DELETE', ({ cannedId }) => `/api/canned-responses/${cannedId}`, undefined, 204, 204, 403, 404],
  ],
};
