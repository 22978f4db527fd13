import type { PermissionSpec } from './permission-spec';

const hours = {
  timeZone: 'Europe/Madrid',
  days: [[{ from: '09:00', to: '18:00' }], [], [], [], [], [], []],
  holidays: [],
};

/** Business hours (modules/automation): every member reads them; owners and admins change them. */
export const spec: PermissionSpec = {
  prepare: async (f, role) => {
    const res = await f.t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: f.t.cookie },
      payload: { name: `hours of ${role} ${Math.random()}` },
    });
    return { teamId: res.json().id };
  },
  rows: [
    ['GET', () => '/api/business-hours', undefined, 200, 200, 200, 200],
    ['PUT', () => '/api/business-hours', hours, 200, 200, 403, 200],
    ['PUT', ({ teamId }) => `/api/teams/${teamId}/business-hours`, hours, 200, 200, 403, 404],
    ['DELETE', ({ teamId }) => `/api/teams/${teamId}/business-hours`, undefined, 200, 200, 403, 404],
  ],
};
