import { API_SCOPES } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../api/api-harness';
import { customerWrites } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

/*
 * Generated from the routes themselves: every route the app registers (printRoutes) and, for
 * those with a schema, every string field of its path parameters, query string and JSON body
 * (the OpenAPI spec swagger builds from the zod schemas). Each field gets a value holding a NUL
 * character, sent by the owner, and must be answered 400 naming that field; never a 500.
 */

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema | Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Op = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Path = (string | number)[];

const NUL = 'a\u0000b';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every path to a string inside a JSON schema (object keys, array items, union branches). */
function stringLeaves(schema: Schema | undefined, at: Path = [], depth = 0): Path[] {
  if (!schema || depth > 12) return [];
  const out: Path[] = [];
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    out.push(...stringLeaves(branch, at, depth + 1));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (
    types.includes('string') ||
    typeof schema.const === 'string' ||
    (schema.enum ?? []).some((v) => typeof v === 'string')
  )
    out.push(at);
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    out.push(...stringLeaves(child, [...at, key], depth + 1));
  if (typeof schema.additionalProperties === 'object')
    out.push(...stringLeaves(schema.additionalProperties, [...at, 'k'], depth + 1));
  const items = Array.isArray(schema.items) ? schema.items : schema.items ? [schema.items] : [];
  for (const item of items) out.push(...stringLeaves(item, [...at, 0], depth + 1));
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(p.join('.')) && seen.add(p.join('.')));
}

/** `{ a: [ { b: NUL } ] }` for the path a.0.b. */
function valueAt(path: Path, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [valueAt(rest, leaf)] : { [head!]: valueAt(rest, leaf) };
}

/** Every METHOD /path the app serves, read off Fastify's route tree (HEAD is Fastify's own). */
function registeredRoutes(tree: string): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    for (const method of m[3]?.split(', ') ?? []) {
      if (method !== 'HEAD') routes.push({ method, url: stack.join('') });
    }
  }
  return routes;
}

const shape = (url: string) => url.replace(/\{[^}]+\}|:[\w|:]+/g, '{}');

interface Case {
  method: string;
  url: string;
  field: string;
  query?: Record<string, string>;
  payload?: unknown;
}

let t: TestApp;
let cases: Case[] = [];
let unschemed: { method: string; url: string }[] = [];
let apiKey = '';

beforeAll(async () => {
  t = await createTestApp();
  // The public API (/api/v1) takes a key, not the session: every request carries both.
  apiKey = (await makeKey(t, [...API_SCOPES])).key;
  const spec = t.app.swagger() as { paths: Record<string, Partial<Record<string, Op>>> };
  const described = new Set<string>();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      described.add(`${method.toUpperCase()} ${shape(path)}`);
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const url = (nulIn?: string) =>
        path.replace(/\{([^}]+)\}/g, (_, name) => (name === nulIn ? encodeURIComponent(NUL) : 'x'));
      for (const name of pathParams) cases.push({ method, url: url(name), field: `params.${name}` });
      for (const p of (op.parameters ?? []).filter((q) => q.in === 'query')) {
        cases.push({ method, url: url(), field: `query.${p.name}`, query: { [p.name]: NUL } });
      }
      const body = op.requestBody?.content?.['application/json']?.schema;
      for (const leaf of stringLeaves(body)) {
        if (leaf.length === 0) continue; // a bare string body: none today
        cases.push({ method, url: url(), field: ['body', ...leaf].join('.'), payload: valueAt(leaf, NUL) });
      }
    }
  }
  // Routes without a schema (the webhook, health, metrics, docs, the websocket) still read the
  // query string: one made-up parameter each.
  unschemed = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter(
    (r) => !described.has(`${r.method} ${shape(r.url)}`),
  );
  for (const r of unschemed) {
    cases.push({
      method: r.method.toLowerCase(),
      url: r.url.replace(/:[\w|:]+/g, 'x').replace('*', 'x'),
      field: 'query.probe',
      query: { probe: NUL },
    });
  }
  cases = cases.map((c) => ({ ...c, method: c.method.toUpperCase() }));
});
afterAll(() => t?.close());

describe('a NUL character in any string input', () => {
  it('is generated for every route, field by field', () => {
    // Guard against a generator that quietly finds nothing.
    expect(cases.filter((c) => c.field.startsWith('body.')).length).toBeGreaterThan(150);
    expect(cases.filter((c) => c.field.startsWith('params.')).length).toBeGreaterThan(40);
    expect(cases.filter((c) => c.field.startsWith('query.')).length).toBeGreaterThan(25);
    expect(cases.map((c) => `${c.method} ${c.url} ${c.field}`)).toEqual(
      expect.arrayContaining([
        'GET /api/search query.q',
        'GET /api/contacts query.q',
        'POST /api/labels body.name',
        'POST /api/conversations/x/notes body.body',
        'POST /webhooks/whatsapp query.probe',
      ]),
    );
  });

  it('answers 400 invalid_input naming the field, on every route (never a 500)', async () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await t.app.inject({
        method: c.method as 'GET',
        url: c.url,
        headers: { cookie: t.cookie, 'x-charla-request': '1', authorization: `Bearer ${apiKey}` },
        ...(c.query ? { query: c.query } : {}),
        ...(c.payload !== undefined ? { payload: c.payload as object } : {}),
      });
      const json = res.headers['content-type']?.includes('json') ? res.json() : null;
      // Meta's own endpoints (/graph) answer in Meta's envelope: code 100, Charla's words in details.
      const error =
        c.url.startsWith('/graph/') && json?.error?.code === 100
          ? { code: 'invalid_input', message: json.error.error_data?.details }
          : json?.error;
      if (
        res.statusCode !== 400 ||
        error?.code !== 'invalid_input' ||
        !String(error.message).startsWith(`${c.field} must not contain a NUL character (\\u0000)`)
      ) {
        wrong.push(`${c.method} ${c.url} ${c.field}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names a key holding a NUL too (contact attributes are a map)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/broadcasts/audience-preview',
      headers: { cookie: t.cookie, 'x-charla-request': '1', authorization: `Bearer ${apiKey}` },
      payload: { filter: { attributes: { [NUL]: 'x' } } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('body.filter.attributes.a\\u0000b must not contain a NUL');
  });

  // Multipart parts are read by the route, not described by its schema: these routes take
  // them, and the list must stay the one the API describes.
  const MULTIPART = [
    '/api/conversations/{id}/media',
    '/api/channels/{id}/media',
    '/api/media',
    '/api/contacts/imports',
    '/api/broadcasts/csv-audiences',
    '/api/v1/media',
  ];
  const PNG = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e0005fe02fea7d6a3a80000000049454e44ae426082',
    'hex',
  );

  it('covers every route that takes multipart parts', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, { summary?: string }>> };
    const described = Object.entries(spec.paths)
      .filter(([, ops]) => Object.values(ops).some((op) => /multipart/i.test(op.summary ?? '')))
      .map(([path]) => path);
    expect(described.sort()).toEqual([...MULTIPART].sort());
  });

  it('in a multipart file name or text part answers 400 invalid_input naming it, on every multipart route', async () => {
    const conversation = await customerWrites(t, '34600000321', 'hola');
    const urlOf = (path: string) =>
      path.replace('{id}', path.startsWith('/api/channels/') ? t.sandbox.id : conversation);
    const wrong: string[] = [];
    for (const path of MULTIPART) {
      const csv = path.includes('csv') || path.includes('imports');
      const file = () =>
        csv
          ? new Blob(['phone\n+34600000001\n'], { type: 'text/csv' })
          : new Blob([PNG], { type: 'image/png' });
      const forms: [string, FormData][] = [];
      const named = new FormData();
      named.append('defaultCountry', 'ES');
      named.append('file', file(), `fo${NUL}to.${csv ? 'csv' : 'png'}`);
      forms.push(['body.file.filename', named]);
      const field = new FormData();
      field.append('defaultCountry', `E${NUL}S`);
      field.append('file', file(), csv ? 'lista.csv' : 'foto.png');
      forms.push(['body.defaultCountry', field]);
      const fieldName = new FormData();
      fieldName.append('defaultCountry', 'ES');
      fieldName.append(`no${NUL}te`, 'x');
      fieldName.append('file', file(), csv ? 'lista.csv' : 'foto.png');
      forms.push(['body.noa\\u0000bte', fieldName]);
      for (const [where, body] of forms) {
        const res = await fetch(`${t.baseUrl}${urlOf(path)}`, {
          method: 'POST',
          headers: { cookie: t.cookie, 'x-charla-request': '1', authorization: `Bearer ${apiKey}` },
          body,
        });
        const text = await res.text();
        const message = res.status === 400 ? String(JSON.parse(text).error?.message) : '';
        if (!message.startsWith(`${where} must not contain a NUL character (\\u0000)`))
          wrong.push(`${path} ${where}: ${res.status} ${text.slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('inside a CSV file is kept as U+FFFD, not a 500 (file contents are bytes, not fields)', async () => {
    const form = new FormData();
    form.append('defaultCountry', 'ES');
    form.append(
      'file',
      new Blob([`phone,name\n+34600000001,Lu${NUL}cía\n`], { type: 'text/csv' }),
      'lista.csv',
    );
    const res = await fetch(`${t.baseUrl}/api/broadcasts/csv-audiences`, {
      method: 'POST',
      headers: { cookie: t.cookie, 'x-charla-request': '1', authorization: `Bearer ${apiKey}` },
      body: form,
    });
    expect(res.status).toBe(201);
    const [row] = await t.container.db.query<{ values: Record<string, string> }>(
      'SELECT "values" FROM broadcast_csv_rows ORDER BY line LIMIT 1',
    );
    expect(row?.values.name).toBe('Lua\uFFFDbcía');
  });
});
