import type { PermissionSpec } from './permission-spec';

/** Members, invitations, teams and workspace settings (modules/auth). */
export const spec: PermissionSpec = {
  // A team of the test workspace for the team rows (the owner's and admin's rounds delete it).
  async prepare({ t }, role) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: t.cookie },
      payload: { name: `team of ${role}` },
    });
    return { teamId: res.json().id };
  },
  rows: [
    ['GET', () => '/api/me', undefined, 200, 200, 200, 200],
    ['PATCH', () => '/api/me', { locale: 'es' }, 200, 200, 200, 200],
    ['GET', () => '/api/members', undefined, 200, 200, 200, 200],
    ['POST', () => '/api/invitations', { email: 'new@example.com', role: 'agent' }, 200, 200, 403, 200],
    ['GET', () => '/api/teams', undefined, 200, 200, 200, 200],
    ['POST', () => '/api/teams', () => ({ name: `x${Math.random()}` }), 201, 201, 403, 201],
    [
      'PUT',
      ({ teamId }) => `/api/teams/${teamId}`,
      () => ({ name: `renamed ${Math.random()}`, memberIds: [] }),
      200,
      200,
      403,
      404,
    ],
    ['DELETE', ({ teamId }) => `/api/teams/${teamId}`, undefined, 204, 204, 403, 404],
    ['GET', () => '/api/workspace/settings', undefined, 200, 200, 200, 200],
    ['PATCH', () => '/api/workspace/settings', { conversationVisibility: 'assigned' }, 200, 200, 403, 200],
  ],
};
