import { addMember } from '../harness/members';
import type { PermissionSpec } from './permission-spec';

const nobody = '00000000-0000-4000-8000-000000000000';
let round = 0;

/**
 * Managing who has access (modules/auth access.routes.ts): each round gets a fresh agent to
 * change, deactivate and finally remove, and a fresh invitation to renew and revoke. Ownership
 * is offered to that agent once deactivated, so the owner's round gets 409 and the workspace
 * keeps its owner for the other rounds.
 */
export const spec: PermissionSpec = {
  async prepare({ t }, role) {
    round += 1;
    const victim = await addMember(t, 'agent', `Victim ${role} ${round}`);
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: { cookie: t.cookie },
      payload: { email: `invitee-${role}-${round}@example.com`, role: 'agent' },
    });
    return { victim: victim.userId, invitation: invite.json().id };
  },
  rows: [
    ['PATCH', ({ victim }) => `/api/members/${victim}`, { role: 'admin' }, 200, 200, 403, 404],
    ['POST', ({ victim }) => `/api/members/${victim}/password-reset`, undefined, 200, 200, 403, 404],
    ['POST', ({ victim }) => `/api/members/${victim}/deactivate`, undefined, 200, 200, 403, 404],
    ['POST', ({ victim }) => `/api/members/${victim}/transfer-ownership`, undefined, 409, 403, 403, 404],
    ['POST', ({ victim }) => `/api/members/${victim}/reactivate`, undefined, 200, 200, 403, 404],
    ['DELETE', ({ victim }) => `/api/members/${victim}`, undefined, 204, 204, 403, 404],
    ['GET', () => '/api/invitations', undefined, 200, 200, 403, 200],
    ['POST', ({ invitation }) => `/api/invitations/${invitation}/renew`, undefined, 200, 200, 403, 404],
    ['DELETE', ({ invitation }) => `/api/invitations/${invitation}`, undefined, 204, 204, 403, 404],
    // Every member changes their own password (here with a wrong current one) and sees their sessions.
    [
      'POST',
      () => '/api/me/password',
      { currentPassword: 'not my password', newPassword: 'a brand new password' },
      422,
      422,
      422,
      422,
    ],
    ['GET', () => '/api/me/sessions', undefined, 200, 200, 200, 200],
    ['DELETE', () => `/api/me/sessions/${nobody}`, undefined, 404, 404, 404, 404],
    ['DELETE', () => '/api/me/sessions', undefined, 204, 204, 204, 204],
  ],
};
