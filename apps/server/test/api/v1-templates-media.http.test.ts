import type { Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { orderUpdate } from '../templates/template-fixtures';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
let v1: ReturnType<typeof v1Of>;
let foreign: ReturnType<typeof v1Of>;

beforeAll(async () => {
  // WhatsApp reviews only when the test says so: the template is seen pending first.
  t = await createTestApp({ simulator: { templateReviewMs: 600_000 } });
  v1 = v1Of(t, (await makeKey(t, ['templates:write', 'media:write'])).key);
  const other = await addForeignOwner(t);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/api-keys',
    headers: { cookie: other.cookie },
    payload: { name: 'Otra', scopes: ['templates:write', 'media:write'] },
  });
  foreign = v1Of(t, res.json().key);
});
afterAll(() => t?.close());

const templateBody = orderUpdate();

describe('templates with a key', () => {
  it('are made and submitted: pending at first, approved once WhatsApp reviews them', async () => {
    const draft = { ...templateBody, name: `api_${Date.now()}` };
    const res = await v1('POST', '/api/v1/templates', draft, { 'idempotency-key': 'tpl-1' });
    expect(res.statusCode, res.body).toBe(201);
    const made: Template = res.json();
    expect(made).toMatchObject({ name: draft.name, status: 'pending', wabaId: t.sandbox.wabaId });
    expect(t.simulator.templates(t.sandbox.wabaId).map((x) => x.name)).toContain(draft.name);

    const again = await v1('POST', '/api/v1/templates', draft, { 'idempotency-key': 'tpl-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(made.id);
    expect(t.simulator.templates(t.sandbox.wabaId).filter((x) => x.name === draft.name)).toHaveLength(1);

    t.simulator.reviewTemplate(made.externalId!);
    const approved = await t.waitFor(async () => {
      const one: Template = (await v1('GET', `/api/v1/templates/${made.id}`)).json();
      return one.status === 'approved' && one;
    }, 'the template to be approved');
    expect(approved.rejection).toBeNull();
  });

  it("names every field that breaks WhatsApp's rules, and a missing one as 400", async () => {
    const bad = await v1('POST', '/api/v1/templates', {
      ...templateBody,
      name: 'Pedido Listo',
      footer: 'x'.repeat(61),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('invalid_template');
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'footer']));

    const { body: _body, category: _category, ...missing } = templateBody;
    const incomplete = await v1('POST', '/api/v1/templates', missing);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['body', 'category']),
    );
  });

  it('are deleted in Charla and at WhatsApp; another workspace’s key sees none of them', async () => {
    const made: Template = (
      await v1('POST', '/api/v1/templates', { ...templateBody, name: `api_del_${Date.now()}` })
    ).json();
    expect((await foreign('DELETE', `/api/v1/templates/${made.id}`)).statusCode).toBe(404);
    const deleted = await v1('DELETE', `/api/v1/templates/${made.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await v1('GET', `/api/v1/templates/${made.id}`)).statusCode).toBe(404);
    expect(t.simulator.templates(t.sandbox.wabaId).map((x) => x.name)).not.toContain(made.name);
  });

  it('need templates:write', async () => {
    const reader = v1Of(t, (await makeKey(t, ['templates:read'])).key);
    const res = await reader('POST', '/api/v1/templates', { ...templateBody, name: 'no_scope' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details.scope).toBe('templates:write');
    expect(
      (await reader('DELETE', '/api/v1/templates/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(403);
  });
});
