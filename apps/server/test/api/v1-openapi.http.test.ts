import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyParam, registeredRoutes } from '../harness/registered-routes';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let doc: { openapi: string; paths: Record<string, Record<string, { security?: unknown[] }>> } & Record<
  string,
  unknown
>;

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(() => t?.close());

/** Every route of the public API (its documentation pages aside). */
const v1Routes = () =>
  registeredRoutes(t.app).filter(
    (r) =>
      r.path.startsWith('/api/v1/') &&
      !r.path.startsWith('/api/v1/docs') &&
      r.path !== '/api/v1/openapi.json',
  );

describe('the OpenAPI document of /api/v1', () => {
  it('is valid OpenAPI 3.1 by an independent validator', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has every /api/v1 route, each behind the bearer key, and nothing else', () => {
    const routes = v1Routes();
    expect(routes.length).toBeGreaterThanOrEqual(3);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${anyParam(path.replace(/\{[^}]+\}/g, ':x'))}`),
    );
    const registered = routes.map((r) => `${r.method} ${anyParam(r.path)}`);
    expect(documented.sort()).toEqual(registered.sort());
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) expect(op.security).toEqual([{ apiKey: [] }]);
    }
  });

  it('every /api/v1 route answers 401 without a key', async () => {
    for (const r of v1Routes()) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: r.path.replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000'),
        ...(r.method === 'POST' ? { payload: {} } : {}),
      });
      expect(res.statusCode, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it('is readable at /api/v1/docs with the quickstart, for anyone', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/html/);
    const spec = await t.app.inject({ method: 'GET', url: '/api/v1/docs/json' });
    expect(spec.json().info.description).toContain('Idempotency-Key');
    expect(Object.keys(spec.json().paths)).toEqual(Object.keys(doc.paths));
  });
});
