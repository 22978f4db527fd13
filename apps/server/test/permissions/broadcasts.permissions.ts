import type { Template } from '@charla/contracts';
import { approvedPromo } from '../broadcasts/broadcast-fixtures';
import type { TestApp } from '../harness/test-app';
import type { PermissionSpec } from './permission-spec';

const boundary = 'charla-broadcast-boundary';
const csvForm = [
  `--${boundary}`,
  'Content-Disposition: form-data; name="defaultCountry"',
  '',
  'ES',
  `--${boundary}`,
  'Content-Disposition: form-data; name="file"; filename="audience.csv"',
  'Content-Type: text/csv',
  '',
  'phone,name\n+34612345678,Marta\n',
  `--${boundary}--`,
  '',
].join('\r\n');
const formHeaders = { 'content-type': `multipart/form-data; boundary=${boundary}` };

const templates = new WeakMap<TestApp, Template>();
const noVariables = {
  header: null,
  headerMediaId: null,
  buttons: {},
  body: { first_name: { source: 'text', value: 'Marta' } },
};

/** Broadcasts (modules/broadcasts): owners and admins manage them; agents see the list and results. */
export const spec: PermissionSpec = {
  // A template, and broadcasts of the owner in the states each action needs.
  async prepare({ t }) {
    let template = templates.get(t);
    if (!template) {
      template = await approvedPromo(t);
      templates.set(t, template);
    }
    const [channel] = (await t.container.directory.all()).filter((c) => c.kind === 'sandbox');
    const input = {
      name: 'Matriz',
      channelId: channel!.id,
      templateId: template.id,
      audience: { kind: 'filters', filters: { tags: ['nadie'] } },
      variables: noVariables,
      scheduledAt: null,
      action: 'draft',
    };
    const ids: Record<string, string> = { channelId: channel!.id, templateId: template.id };
    for (const key of ['draftId', 'deleteId', 'startId', 'pauseId', 'resumeId', 'cancelId']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/broadcasts',
        headers: { cookie: t.cookie },
        payload: input,
      });
      ids[key] = res.json().id;
    }
    // Paused and preparing states straight in the database: reaching them through a real send
    // would race the sender.
    await t.container.db.query(`UPDATE broadcasts SET status = 'preparing' WHERE id = $1`, [ids.pauseId]);
    await t.container.db.query(`UPDATE broadcasts SET status = 'paused', started_at = now() WHERE id = $1`, [
      ids.resumeId,
    ]);
    return ids;
  },
  rows: [
    ['GET', () => '/api/broadcasts', undefined, 200, 200, 200, 200],
    [
      'POST',
      () => '/api/broadcasts',
      (ids) => ({
        name: 'Nueva',
        channelId: ids.channelId,
        templateId: ids.templateId,
        audience: { kind: 'filters', filters: {} },
        variables: noVariables,
        scheduledAt: null,
        action: 'draft',
      }),
      201,
      201,
      403,
      400,
    ],
    [
      'POST',
      () => '/api/broadcasts/audience-preview',
      (ids) => ({ channelId: ids.channelId, audience: { kind: 'filters', filters: {} } }),
      200,
      200,
      403,
      400,
    ],
    ['POST', () => '/api/broadcasts/csv-audiences', csvForm, 201, 201, 403, 201, formHeaders],
    [
      'POST',
      () => '/api/broadcasts/test-send',
      (ids) => ({
        channelId: ids.channelId,
        templateId: ids.templateId,
        variables: noVariables,
        phone: '+34612345679',
      }),
      202,
      202,
      403,
      400,
    ],
    [
      'PUT',
      (ids) => `/api/broadcasts/channels/${ids.channelId}/rate`,
      { ratePerSecond: 80 },
      200,
      200,
      403,
      400,
    ],
    ['GET', (ids) => `/api/broadcasts/channels/${ids.channelId}/limits`, undefined, 200, 200, 200, 404],
    ['GET', (ids) => `/api/broadcasts/${ids.draftId}`, undefined, 200, 200, 200, 404],
    [
      'PUT',
      (ids) => `/api/broadcasts/${ids.draftId}`,
      (ids) => ({
        name: 'Cambiada',
        channelId: ids.channelId,
        templateId: ids.templateId,
        audience: { kind: 'filters', filters: {} },
        variables: noVariables,
        scheduledAt: null,
        action: 'draft',
      }),
      200,
      200,
      403,
      404,
    ],
    ['DELETE', (ids) => `/api/broadcasts/${ids.deleteId}`, undefined, 204, 204, 403, 404],
    ['POST', (ids) => `/api/broadcasts/${ids.startId}/start`, undefined, 200, 200, 403, 404],
    ['POST', (ids) => `/api/broadcasts/${ids.pauseId}/pause`, undefined, 200, 200, 403, 404],
    ['POST', (ids) => `/api/broadcasts/${ids.resumeId}/resume`, undefined, 200, 200, 403, 404],
    ['POST', (ids) => `/api/broadcasts/${ids.cancelId}/cancel`, undefined, 200, 200, 403, 404],
    // Owners and admins may; a draft has nobody limited to send again (409), agents may not (403).
    ['POST', (ids) => `/api/broadcasts/${ids.draftId}/retry-limited`, undefined, 409, 409, 403, 404],
    ['GET', (ids) => `/api/broadcasts/${ids.draftId}/recipients`, undefined, 200, 200, 200, 404],
    ['GET', (ids) => `/api/broadcasts/${ids.draftId}/recipients.csv`, undefined, 200, 200, 403, 404],
  ],
};
