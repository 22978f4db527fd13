import type { Template, TemplateDraft } from '@charla/contracts';
import type { TestApp } from '../harness/test-app';

let counter = 0;
/** A name no other test of the file used (Meta names are unique per account and language). */
export const uniqueName = (base: string) => `${base}_${++counter}_${Math.random().toString(36).slice(2, 6)}`;

export const orderUpdate = (name = uniqueName('order_update')): TemplateDraft => ({
  name,
  language: 'es',
  category: 'utility',
  parameterFormat: 'named',
  header: { format: 'text', text: 'Pedido {{order_number}}', example: '860198' },
  body: 'Hola {{first_name}}, tu pedido {{order_number}} ya está en camino a tu casa.',
  bodyExamples: { first_name: 'Pablo', order_number: '860198' },
  footer: 'Tienda Luna',
  buttons: [
    { type: 'url', text: 'Seguir envío', url: 'https://luna.example/track/{{1}}', example: 'abc123' },
    { type: 'quick_reply', text: 'Gracias' },
  ],
});

export function templatesApi(t: TestApp, cookie = t.cookie) {
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return {
    call,
    create: (draft: TemplateDraft, submit: boolean) =>
      call('POST', '/api/templates', { wabaId: t.sandbox.wabaId, draft, submit }),
    get: async (id: string): Promise<Template> => (await call('GET', `/api/templates/${id}`)).json(),
    /** Waits until the template reaches `status` (Meta's webhook went through the ingest worker). */
    async until(id: string, status: Template['status']): Promise<Template> {
      return t.waitFor(async () => {
        const template: Template = (await call('GET', `/api/templates/${id}`)).json();
        return template.status === status && template;
      }, `template ${id} to be ${status}`);
    },
  };
}

/** A template Meta approved (simulator review), ready to send. */
export async function approvedTemplate(t: TestApp, draft: TemplateDraft = orderUpdate()): Promise<Template> {
  const api = templatesApi(t);
  const res = await api.create(draft, true);
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
  return api.until(res.json().id, 'approved');
}

/** Makes the simulated Meta send a template event (pause, disable…), as WhatsApp Manager would. */
export async function simulatorTemplateEvent(t: TestApp, externalId: string, event: string): Promise<void> {
  const res = await fetch(`${t.simulatorUrl}/_sim/templates/${externalId}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event }),
  });
  if (!res.ok) throw new Error(`the simulator refused ${event}: ${res.status} ${await res.text()}`);
}
