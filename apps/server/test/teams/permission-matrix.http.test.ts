import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner, addMember, customerWrites } from '../harness/members';
import { anyParam, type Route, registeredRoutes } from '../harness/registered-routes';
import { createTestApp } from '../harness/test-app';
import type { Ids, MatrixFixture, PermissionRow, PermissionSpec, Role } from '../permissions/permission-spec';

declare global {
  interface ImportMeta {
    /** Vite's (vitest's) import.meta.glob, typed for the one use below. */
    glob<T>(pattern: string, options: { eager: true; import: string }): Record<string, T>;
  }
}

/**
 * The table in docs/api.md ("Who may call what"): every `test/permissions/*.permissions.ts` row,
 * called as the owner, an admin, an agent limited to assigned conversations (the conversation is
 * hidden from them) and the owner of another workspace. Statuses only: what each one may see is
 * checked in team-inbox.http.test.ts. A route registered under /api without a row fails the
 * completeness check, so a new route cannot ship without saying who may call it.
 */
const specs = Object.entries(
  import.meta.glob<PermissionSpec>('../permissions/*.permissions.ts', { eager: true, import: 'spec' }),
).map(([file, spec]) => ({ file: file.replace('../permissions/', ''), spec }));

/** Routes that take no session (or end it): each is checked by its own test file. */
const PUBLIC_ROUTES = [
  'GET /api/setup', // needsSetup, before any member exists (auth.http.test.ts)
  'POST /api/setup', // creates the first owner, once (auth.http.test.ts)
  'POST /api/auth/login', // auth.http.test.ts
  'POST /api/auth/logout', // ends the caller's session, so it cannot run between rows (auth.http.test.ts)
  'GET /api/invitations/:token', // the token is the credential (auth.http.test.ts)
  'POST /api/invitations/:token/accept', // same
  'GET /api/realtime', // WebSocket, closes with 4401 without a session (test/presence)
  'GET /api/auth/options', // whether "forgot password" is offered (access/password-reset-email.http.test.ts)
  'POST /api/auth/forgot-password', // same answer for every email, throttled (same file)
  'GET /api/password-resets/:token', // the token is the credential (access/password-reset.http.test.ts)
  'POST /api/password-resets/:token', // same
];

let f: MatrixFixture;
beforeAll(async () => {
  // Connecting a number checks it with Meta: here the simulator plays Meta.
  const t = await createTestApp({ config: ({ simulatorUrl }) => ({ GRAPH_API_BASE_URL: simulatorUrl }) });
  const admin = await addMember(t, 'admin', 'Beto Admin');
  const agent = await addMember(t, 'agent', 'Carla Agent');
  const foreign = await addForeignOwner(t);
  const conversationId = await customerWrites(t, '5215511110000', 'Hola');
  const [msg] = await t.container.db.query<{ id: string }>(
    'SELECT id FROM messages WHERE conversation_id = $1 LIMIT 1',
    [conversationId],
  );
  const res = await t.app.inject({
    method: 'PATCH',
    url: '/api/workspace/settings',
    headers: { cookie: t.cookie },
    payload: { conversationVisibility: 'assigned' },
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  f = {
    t,
    cookies: { owner: t.cookie, admin: admin.cookie, agent: agent.cookie, foreign: foreign.cookie },
    conversationId,
    messageId: msg!.id,
  };
});
afterAll(() => f?.t.close());

async function call(row: PermissionRow, ids: Ids, cookie: string | null) {
  const [method, url, body, , , , , headers] = row;
  const payload = typeof body === 'function' ? body(ids) : body;
  return f.t.app.inject({
    method,
    url: url(ids),
    headers: { ...(cookie ? { cookie } : {}), ...headers },
    ...(payload !== undefined ? { payload } : {}),
  });
}

const prepare = async (spec: PermissionSpec, role: Role): Promise<Ids> => ({
  conversationId: f.conversationId,
  messageId: f.messageId,
  ...(await spec.prepare?.(f, role)),
});

describe('permission matrix', () => {
  it('finds the spec files', () => {
    expect(specs.map((s) => s.file)).toEqual(
      expect.arrayContaining([
        'auth.permissions.ts',
        'channels.permissions.ts',
        'collaboration.permissions.ts',
        'contacts.permissions.ts',
        'inbox.permissions.ts',
      ]),
    );
  });

  it.each(['owner', 'admin', 'agent', 'foreign'] as const)('%s gets what the table says', async (role) => {
    const col = { owner: 3, admin: 4, agent: 5, foreign: 6 }[role];
    for (const { file, spec } of specs) {
      const ids = await prepare(spec, role);
      for (const row of spec.rows) {
        const res = await call(row, ids, f.cookies[role]);
        expect(res.statusCode, `${file}: ${role} ${row[0]} ${row[1](ids)}: ${res.body.slice(0, 200)}`).toBe(
          row[col],
        );
        const shows = row[8];
        if (shows && res.statusCode < 300) {
          expect(
            shows(res.json(), role),
            `${file}: ${role} ${row[0]} ${row[1](ids)} shows: ${res.body}`,
          ).toBe(true);
        }
      }
    }
  });

  it('answers 401 to every route without a session', async () => {
    for (const { file, spec } of specs) {
      const ids = await prepare(spec, 'owner');
      for (const row of spec.rows) {
        const res = await call(row, ids, null);
        expect(res.statusCode, `${file}: ${row[0]} ${row[1](ids)}`).toBe(401);
      }
    }
  });

  it('has a row for every /api route (or it is public and listed here)', () => {
    // The public API takes keys, not sessions: test/api/v1-openapi.http.test.ts checks each of its routes.
    const routes = registeredRoutes(f.t.app).filter(
      (r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/v1/'),
    );
    expect(routes.length).toBeGreaterThan(20);
    // Placeholder ids: only the shape of each row's URL matters here.
    const ids = new Proxy({} as Ids, { get: () => '00000000-0000-4000-8000-000000000000' });
    const covered = new Set<string>();
    for (const { spec } of specs) {
      for (const [method, url] of spec.rows) {
        const route = matchRoute(routes, method, url(ids).split('?')[0]!);
        if (route) covered.add(`${route.method} ${route.path}`);
      }
    }
    const missing = routes
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !covered.has(r) && !PUBLIC_ROUTES.map(anyParam).includes(anyParam(r)));
    expect(missing, 'add a row to test/permissions/<module>.permissions.ts for each').toEqual([]);
  });

  it('nothing of this workspace appears in another one', async () => {
    const get = (url: string) =>
      f.t.app.inject({ method: 'GET', url, headers: { cookie: f.cookies.foreign } });
    expect((await get('/api/conversations')).json().items).toEqual([]);
    expect((await get('/api/contacts')).json().items).toEqual([]);
    const members = (await get('/api/members')).json().items;
    expect(members.map((m: { name: string }) => m.name)).toEqual(['Otro']);
  });
});

/** The route a request would reach: static pieces beat parameters, as in Fastify's router. */
function matchRoute(routes: Route[], method: string, url: string): Route | undefined {
  const hits = routes.filter((r) => {
    if (r.method !== method) return false;
    const source = r.path
      .split('/')
      .map((s) => (s.startsWith(':') ? '[^/]+' : s === '*' ? '.*' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return new RegExp(`^${source}$`).test(url);
  });
  const staticLength = (r: Route) => r.path.replace(/:[^/]+/g, '').length;
  return hits.sort((a, b) => staticLength(b) - staticLength(a))[0];
}
