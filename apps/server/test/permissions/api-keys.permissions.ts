import type { PermissionSpec } from './permission-spec';

/** API keys (modules/api): owners and admins; another workspace's owner sees only their own. */
export const spec: PermissionSpec = {
  /** A fresh key of the test workspace each round, to revoke. */
  async prepare({ t, cookies }) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: cookies.owner },
      payload: { name: 'Matriz', scopes: ['messages:read'] },
    });
    if (res.statusCode !== 201) throw new Error(`making a key failed: ${res.body}`);
    return { apiKeyId: res.json().id };
  },
  rows: [
    [
      'GET',
      () => '/api/api-keys',
      undefined,
      200,
      200,
      403,
      200,
      undefined,
      (json, role) => role !== 'foreign' || !(json as { name: string }[]).some((k) => k.name === 'Matriz'),
    ],
    ['POST', () => '/api/api-keys', { name: 'Otra', scopes: ['contacts:read'] }, 201, 201, 403, 201],
    ['DELETE', (ids) => `/api/api-keys/${ids.apiKeyId}`, undefined, 200, 200, 403, 404],
  ],
};
