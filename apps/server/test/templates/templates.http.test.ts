import type { Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import {
  approvedTemplate,
  orderUpdate,
  simulatorTemplateEvent,
  templatesApi,
  uniqueName,
} from './template-fixtures';

let t: TestApp;
let api: ReturnType<typeof templatesApi>;

beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
  api = templatesApi(t);
});
afterAll(() => t?.close());

describe('template drafts', () => {
  it('names every field that breaks a rule of WhatsApp, and stores nothing', async () => {
    const res = await api.create(
      {
        ...orderUpdate('Pedido Listo'),
        body: '{{first_name}} {{order_number}}',
        bodyExamples: { first_name: 'Ana' },
        footer: 'x'.repeat(61),
        buttons: [{ type: 'quick_reply', text: 'Una respuesta demasiado larga para un botón' }],
      },
      false,
    );
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('invalid_template');
    const fields: Record<string, string> = {};
    for (const f of error.fields as { path: string; message: string }[])
      fields[f.path] = `${fields[f.path] ?? ''} ${f.message}`;
    expect(fields.name).toMatch(/lowercase letters, digits and underscores/);
    expect(fields.body).toMatch(/cannot start or end with a variable/);
    expect(fields.body).toMatch(/Two variables are next to each other/);
    expect(fields['bodyExamples.order_number']).toMatch(/example for \{\{order_number\}\}/);
    expect(fields.footer).toMatch(/at most 60 characters/);
    expect(fields['buttons.0.text']).toMatch(/at most 25 characters/);
    expect((await api.call('GET', '/api/templates')).json().items).toEqual([]);
  });

  it('keeps a draft in Charla until it is submitted, and refuses a second one with the same name', async () => {
    const draft = orderUpdate();
    const res = await api.create(draft, false);
    expect(res.statusCode, res.body).toBe(201);
    const created: Template = res.json();
    expect(created).toMatchObject({
      name: draft.name,
      status: 'draft',
      externalId: null,
      wabaId: t.sandbox.wabaId,
    });
    const again = await api.create(draft, false);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual([{ path: 'name', message: 'Already used in es' }]);
    const listed = (await api.call('GET', `/api/templates?wabaId=${t.sandbox.wabaId}&status=draft`)).json()
      .items;
    expect(listed.map((x: Template) => x.id)).toContain(created.id);
  });

  it('refuses an account none of the workspace numbers belongs to', async () => {
    const res = await api.call('POST', '/api/templates', {
      wabaId: '999999999',
      draft: orderUpdate(),
      submit: false,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('unknown_waba');
  });

  it('edits a draft freely, even its name', async () => {
    const created: Template = (await api.create(orderUpdate(), false)).json();
    const renamed = { ...orderUpdate(uniqueName('renamed')), footer: null };
    const res = await api.call('PUT', `/api/templates/${created.id}`, { draft: renamed, submit: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: renamed.name, footer: null, status: 'draft' });
  });
});

describe('review by Meta', () => {
  it('submits a draft: pending at once, then approved by the review webhook, announced to open pages', async () => {
    const events: unknown[] = [];
    const unsubscribe = t.container.bus.subscribe((e) => events.push(e));
    const created: Template = (await api.create(orderUpdate(), false)).json();
    const res = await api.call('POST', `/api/templates/${created.id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().externalId).toMatch(/^\d+$/);
    expect(['pending', 'approved']).toContain(res.json().status);
    const approved = await api.until(created.id, 'approved');
    expect(approved.submittedAt).not.toBeNull();
    expect(approved.rejection).toBeNull();
    // The approval came through the ingest worker; the template page hears it and refetches.
    await t.waitFor(async () => events.length >= 3, 'three template.updated events');
    expect(events).toContainEqual({
      workspaceId: expect.any(String),
      type: 'template.updated',
      templateId: created.id,
    });
    unsubscribe();
  });

  it('shows why Meta rejected a template', async () => {
    const res = await api.create(
      {
        ...orderUpdate(uniqueName('promo_as_utility')),
        body: 'Hola {{first_name}}, tu pedido {{order_number}} tiene un 20% de descuento esta semana.',
      },
      true,
    );
    expect(res.statusCode, res.body).toBe(201);
    const rejected = await api.until(res.json().id, 'rejected');
    expect(rejected.rejection?.reason).toBe('INCORRECT_CATEGORY');
    expect(rejected.rejection?.detail).toMatch(/promotional/);
  });

  it('follows a pause and a reinstatement Meta decides later', async () => {
    const template = await approvedTemplate(t);
    await simulatorTemplateEvent(t, template.externalId!, 'PAUSED');
    await api.until(template.id, 'paused');
    await simulatorTemplateEvent(t, template.externalId!, 'REINSTATED');
    await api.until(template.id, 'approved');
  });
});

describe('editing and deleting, within what Meta allows', () => {
  it('refuses to edit a template while Meta reviews an appeal', async () => {
    const template = await approvedTemplate(t);
    await simulatorTemplateEvent(t, template.externalId!, 'IN_APPEAL');
    await api.until(template.id, 'in_appeal');
    const edit = await api.call('PUT', `/api/templates/${template.id}`, {
      draft: { ...orderUpdate(template.name), footer: 'Otro pie' },
      submit: true,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('template_not_editable');
    expect(edit.json().error.message).toMatch(/in appeal cannot be edited/);
    expect((await api.get(template.id)).footer).toBe('Tienda Luna');
  });

  it('edits an approved template once a day, never its category or name', async () => {
    const template = await approvedTemplate(t);
    const base = orderUpdate(template.name);
    const category = await api.call('PUT', `/api/templates/${template.id}`, {
      draft: { ...base, category: 'marketing' },
      submit: true,
    });
    expect(category.statusCode).toBe(409);
    expect(category.json().error.fields).toEqual([
      { path: 'category', message: 'Cannot change on an approved template' },
    ]);
    const renamed = await api.call('PUT', `/api/templates/${template.id}`, {
      draft: { ...base, name: uniqueName('other') },
      submit: true,
    });
    expect(renamed.json().error.code).toBe('template_identity_locked');

    // Meta's webhook carries the time in seconds: the approval of the edit must not repeat, byte for
    // byte, the first approval (Charla collapses identical deliveries as Meta's retries).
    await new Promise((r) => setTimeout(r, 1005 - (Date.now() % 1000)));
    const edited = await api.call('PUT', `/api/templates/${template.id}`, {
      draft: { ...base, footer: 'Tienda Luna · Madrid' },
      submit: true,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().footer).toBe('Tienda Luna · Madrid');
    await api.until(template.id, 'approved');
    const second = await api.call('PUT', `/api/templates/${template.id}`, { draft: base, submit: true });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('edit_limit');
    expect(second.json().error.message).toMatch(/one edit of an approved template per day/);
  });

  it('deletes a template at Meta too, but not a disabled one', async () => {
    const template = await approvedTemplate(t);
    await simulatorTemplateEvent(t, template.externalId!, 'DISABLED');
    await api.until(template.id, 'disabled');
    const refused = await api.call('DELETE', `/api/templates/${template.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('template_not_deletable');

    const other = await approvedTemplate(t);
    expect((await api.call('DELETE', `/api/templates/${other.id}`)).statusCode).toBe(204);
    expect((await api.call('GET', `/api/templates/${other.id}`)).statusCode).toBe(404);
    // Meta no longer lists it: a sync does not bring it back.
    const synced = (await api.call('POST', '/api/templates/sync', { wabaId: t.sandbox.wabaId })).json().items;
    expect(synced.map((x: Template) => x.name)).not.toContain(other.name);

    // Meta keeps an approved name for 30 days after deletion: its refusal names the field, nothing is kept.
    const reuse = await api.create(orderUpdate(other.name), true);
    expect(reuse.statusCode).toBe(422);
    expect(reuse.json().error.code).toBe('invalid_template');
    expect(reuse.json().error.message).toMatch(/deleted less than 30 days ago/);
    expect(reuse.json().error.fields[0].path).toBe('name');
    const names = (await api.call('GET', '/api/templates')).json().items.map((x: Template) => x.name);
    expect(names).not.toContain(other.name);
  });
});

describe('sync with Meta', () => {
  it('repairs a status missed while Charla was down, and adds templates made in WhatsApp Manager', async () => {
    const template = await approvedTemplate(t);
    // While Charla was down, Meta paused it; the webhook was lost.
    await t.container.ingestWorker.stop();
    const delivered = t.simulator.webhookAttempts().length;
    await simulatorTemplateEvent(t, template.externalId!, 'PAUSED');
    await t.waitFor(
      async () =>
        t.simulator
          .webhookAttempts()
          .slice(delivered)
          .some((a) => a.status === 200 && a.body.includes('PAUSED')),
      'the pause webhook to be stored',
    );
    await t.container.db.query(`DELETE FROM webhook_events WHERE status = 'pending'`);
    t.container.ingestWorker.start();
    expect((await api.get(template.id)).status).toBe('approved');

    const outside = orderUpdate(uniqueName('from_manager'));
    const client = (await import('@charla/cloud-api')).CloudApiClient;
    const channel = (await t.container.directory.byId(t.sandbox.id))!;
    const graph = new client({
      baseUrl: t.simulatorUrl,
      version: channel.graphVersion,
      accessToken: channel.accessToken,
    });
    await graph.createTemplate(t.sandbox.wabaId, {
      name: outside.name,
      language: 'es',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Tu cita está confirmada para mañana por la mañana.' }],
    });

    const res = await api.call('POST', '/api/templates/sync', { wabaId: t.sandbox.wabaId });
    expect(res.statusCode, res.body).toBe(200);
    const items: Template[] = res.json().items;
    expect(items.find((x) => x.id === template.id)?.status).toBe('paused');
    expect(items.find((x) => x.name === outside.name)).toMatchObject({
      body: 'Tu cita está confirmada para mañana por la mañana.',
      externalId: expect.any(String),
    });
  });
});
