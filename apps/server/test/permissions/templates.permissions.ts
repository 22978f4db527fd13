import type { PermissionSpec } from './permission-spec';

const draft = (name: string) => ({
  name,
  language: 'es',
  category: 'utility',
  parameterFormat: 'named',
  header: null,
  body: 'Hola {{first_name}}, tu pedido ya está listo para recoger en la tienda.',
  bodyExamples: { first_name: 'Ana' },
  footer: null,
  buttons: [],
});
const fresh = (base: string) => `${base}_${Math.random().toString(36).slice(2, 8)}`;

/** WhatsApp message templates (modules/templates): members read, the owner and admins manage. */
export const spec: PermissionSpec = {
  async prepare({ t }, role) {
    const create = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/templates',
        headers: { cookie: t.cookie },
        payload: { wabaId: t.sandbox.wabaId, draft: draft(fresh(`prep_${role}`)), submit: false },
      });
    const [a, b, c] = [await create(), await create(), await create()];
    return {
      wabaId: t.sandbox.wabaId,
      templateId: a.json().id,
      submitId: b.json().id,
      deleteId: c.json().id,
    };
  },
  rows: [
    ['GET', () => '/api/templates', undefined, 200, 200, 200, 200],
    ['GET', ({ templateId }) => `/api/templates/${templateId}`, undefined, 200, 200, 200, 404],
    [
      'POST',
      () => '/api/templates',
      ({ wabaId }) => ({ wabaId, draft: draft(fresh('new')), submit: false }),
      201,
      201,
      403,
      422,
    ],
    [
      'PUT',
      ({ templateId }) => `/api/templates/${templateId}`,
      () => ({ draft: draft(fresh('edited')), submit: false }),
      200,
      200,
      403,
      404,
    ],
    ['POST', ({ submitId }) => `/api/templates/${submitId}/submit`, undefined, 200, 200, 403, 404],
    ['DELETE', ({ deleteId }) => `/api/templates/${deleteId}`, undefined, 204, 204, 403, 404],
    ['POST', () => '/api/templates/sync', ({ wabaId }) => ({ wabaId }), 200, 200, 403, 422],
  ],
};
