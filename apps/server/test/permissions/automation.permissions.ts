import type { PermissionSpec } from './permission-spec';

const hours = {
  timeZone: 'Europe/Madrid',
  days: [[{ from: '09:00', to: '18:00' }], [], [], [], [], [], []],
  holidays: [],
};

const sequence = (channelId: string) => ({
  name: 'Seguimiento',
  channelId,
  window: { timeZone: 'Europe/Madrid', weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
  steps: [{ delay: { amount: 1, unit: 'days' }, message: { type: 'text', text: 'Hola' } }],
});

const rule = {
  name: 'Permisos',
  trigger: { type: 'message_received' },
  actions: [{ type: 'send_message', message: { type: 'text', text: 'Hola' } }],
};

/**
 * Business hours and rules (modules/automation): every member reads them; owners and admins
 * change them; another workspace's owner finds neither.
 */
export const spec: PermissionSpec = {
  prepare: async (f, role) => {
    const res = await f.t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: f.t.cookie },
      payload: { name: `hours of ${role} ${Math.random()}` },
    });
    const created = await f.t.app.inject({
      method: 'POST',
      url: '/api/automation/rules',
      headers: { cookie: f.t.cookie },
      payload: rule,
    });
    const list = await f.t.app.inject({
      method: 'GET',
      url: '/api/automation/rules',
      headers: { cookie: f.t.cookie },
    });
    const flow = await f.t.app.inject({
      method: 'POST',
      url: '/api/flows',
      headers: { cookie: f.t.cookie },
      payload: { name: `Bot of ${role}` },
    });
    const flowId = flow.json().id as string;
    await f.t.app.inject({
      method: 'POST',
      url: `/api/flows/${flowId}/publish`,
      headers: { cookie: f.t.cookie },
    });
    // A sequence with one contact in it (the shared conversation's).
    const [ids] = await f.t.container.db.query<{ channel_id: string; contact_id: string }>(
      'SELECT channel_id, contact_id FROM conversations WHERE id = $1',
      [f.conversationId],
    );
    const seq = await f.t.app.inject({
      method: 'POST',
      url: '/api/sequences',
      headers: { cookie: f.t.cookie },
      payload: sequence(ids!.channel_id),
    });
    const sequenceId = seq.json().id as string;
    await f.t.app.inject({
      method: 'POST',
      url: `/api/sequences/${sequenceId}/enrollments`,
      headers: { cookie: f.t.cookie },
      payload: { contactIds: [ids!.contact_id] },
    });
    const listed = await f.t.app.inject({
      method: 'GET',
      url: `/api/sequences/${sequenceId}/enrollments`,
      headers: { cookie: f.t.cookie },
    });
    return {
      channelId: ids!.channel_id,
      contactId: ids!.contact_id,
      sequenceId,
      enrollmentId: listed.json().enrollments[0].id,
      teamId: res.json().id,
      ruleId: created.json().id,
      flowId,
      order: JSON.stringify(list.json().rules.map((r: { id: string }) => r.id)),
    };
  },
  rows: [
    ['GET', () => '/api/business-hours', undefined, 200, 200, 200, 200],
    ['PUT', () => '/api/business-hours', hours, 200, 200, 403, 200],
    ['PUT', ({ teamId }) => `/api/teams/${teamId}/business-hours`, hours, 200, 200, 403, 404],
    ['DELETE', ({ teamId }) => `/api/teams/${teamId}/business-hours`, undefined, 200, 200, 403, 404],
    ['GET', () => '/api/automation/rules', undefined, 200, 200, 200, 200],
    ['GET', ({ ruleId }) => `/api/automation/rules/${ruleId}`, undefined, 200, 200, 200, 404],
    [
      'PUT',
      () => '/api/automation/rules/order',
      ({ order }) => ({ ids: JSON.parse(order!) }),
      200,
      200,
      403,
      400,
    ],
    ['POST', () => '/api/automation/rules', rule, 201, 201, 403, 201],
    ['PUT', ({ ruleId }) => `/api/automation/rules/${ruleId}`, rule, 200, 200, 403, 404],
    ['PATCH', ({ ruleId }) => `/api/automation/rules/${ruleId}`, { enabled: false }, 200, 200, 403, 404],
    ['DELETE', ({ ruleId }) => `/api/automation/rules/${ruleId}`, undefined, 204, 204, 403, 404],
    ['GET', () => '/api/flows', undefined, 200, 200, 200, 200],
    ['POST', () => '/api/flows', { name: 'Nuevo' }, 201, 201, 403, 201],
    ['GET', ({ flowId }) => `/api/flows/${flowId}`, undefined, 200, 200, 200, 404],
    ['PUT', ({ flowId }) => `/api/flows/${flowId}`, { name: 'Renombrado' }, 200, 200, 403, 404],
    ['POST', ({ flowId }) => `/api/flows/${flowId}/publish`, undefined, 200, 200, 403, 404],
    // The shared conversation is not the agent's: they neither see nor drive its bot.
    [
      'GET',
      ({ conversationId }) => `/api/conversations/${conversationId}/bot`,
      undefined,
      200,
      200,
      403,
      404,
    ],
    [
      'POST',
      ({ conversationId }) => `/api/conversations/${conversationId}/bot/stop`,
      undefined,
      404,
      404,
      403,
      404,
    ],
    [
      'POST',
      ({ conversationId }) => `/api/conversations/${conversationId}/bot/start`,
      ({ flowId }) => ({ flowId }),
      202,
      202,
      403,
      404,
    ],
    ['DELETE', ({ flowId }) => `/api/flows/${flowId}`, undefined, 204, 204, 403, 404],
    // Sequences: every member reads them; owners and admins change them and who is in them.
    ['GET', () => '/api/sequences', undefined, 200, 200, 200, 200],
    // Another workspace's owner names a number that is not theirs: 422 invalid_sequence.
    ['POST', () => '/api/sequences', ({ channelId }) => sequence(channelId!), 201, 201, 403, 422],
    ['GET', ({ sequenceId }) => `/api/sequences/${sequenceId}`, undefined, 200, 200, 200, 404],
    [
      'PUT',
      ({ sequenceId }) => `/api/sequences/${sequenceId}`,
      ({ channelId }) => sequence(channelId!),
      200,
      200,
      403,
      404,
    ],
    ['GET', ({ sequenceId }) => `/api/sequences/${sequenceId}/enrollments`, undefined, 200, 200, 200, 404],
    [
      'POST',
      ({ sequenceId }) => `/api/sequences/${sequenceId}/enrollments`,
      ({ contactId }) => ({ contactIds: [contactId] }),
      200,
      200,
      403,
      404,
    ],
    [
      'DELETE',
      ({ sequenceId, enrollmentId }) => `/api/sequences/${sequenceId}/enrollments/${enrollmentId}`,
      undefined,
      204,
      204,
      403,
      404,
    ],
    ['DELETE', ({ sequenceId }) => `/api/sequences/${sequenceId}`, undefined, 204, 204, 403, 404],
  ],
};
