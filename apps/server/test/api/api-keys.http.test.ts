import type { ApiKey } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const list = async (cookie = t.cookie): Promise<ApiKey[]> =>
  (await t.app.inject({ method: 'GET', url: '/api/api-keys', headers: { cookie } })).json();

describe('API keys', () => {
  it('are shown once, stored hashed, listed with their prefix, scopes and last use', async () => {
    const created = await makeKey(t, ['messages:write', 'contacts:read'], 'Shopify');
    expect(created.key).toMatch(/^chk_[\w-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const [row] = await t.container.db.query<{ hash: string }>('SELECT hash FROM api_keys WHERE id = $1', [
      created.id,
    ]);
    expect(row!.hash).not.toContain(created.key.slice(4, 20));
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);

    const listed = (await list()).find((k) => k.id === created.id)!;
    expect(listed).toMatchObject({
      name: 'Shopify',
      scopes: ['messages:write', 'contacts:read'],
      lastUsedAt: null,
    });
    expect(JSON.stringify(await list())).not.toContain(created.key);

    const res = await v1Of(t, created.key)('GET', '/api/v1/channels', undefined, {});
    expect(res.statusCode).toBe(403); // contacts and messages only
    expect(res.json().error).toMatchObject({ code: 'missing_scope', details: { scope: 'channels:read' } });
    const used = (await list()).find((k) => k.id === created.id)!;
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.lastUsedIp).toBe('127.0.0.1');
  });

  it('answer 401 saying why: none, a wrong one, a revoked one, an expired one', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/channels' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('api_key_missing');
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    // A session cookie is not a key.
    const cookie = await t.app.inject({
      method: 'GET',
      url: '/api/v1/channels',
      headers: { cookie: t.cookie },
    });
    expect(cookie.statusCode).toBe(401);

    const wrong = await v1Of(t, 'chk_not-a-real-key')('GET', '/api/v1/channels');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('api_key_unknown');

    const key = await makeKey(t, ['channels:read']);
    expect((await v1Of(t, key.key)('GET', '/api/v1/channels')).statusCode).toBe(200);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/api-keys/${key.id}`,
      headers: { cookie: t.cookie },
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect(revoke.json().revokedAt).not.toBeNull();
    const revoked = await v1Of(t, key.key)('GET', '/api/v1/channels');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('api_key_revoked');

    const soon = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: t.cookie },
      payload: {
        name: 'Prueba',
        scopes: ['channels:read'],
        expiresAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
      },
    });
    expect(soon.statusCode, soon.body).toBe(201);
    expect((await v1Of(t, soon.json().key)('GET', '/api/v1/channels')).statusCode).toBe(200);
    t.clock.advance(3_600_001);
    const expired = await v1Of(t, soon.json().key)('GET', '/api/v1/channels');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('api_key_expired');
  });

  it('revoked by another Charla process stop working here within a second', async () => {
    const key = await makeKey(t, ['channels:read']);
    const call = v1Of(t, key.key);
    expect((await call('GET', '/api/v1/channels')).statusCode).toBe(200);
    // What another process's DELETE /api/api-keys/:id writes; this process has the key read recently.
    await t.container.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [key.id]);
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 3_000) {
      status = (await call('GET', '/api/v1/channels')).statusCode;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('refuses a key without a name or scopes, naming each field, and one already expired', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: t.cookie },
      payload: { name: ' ', scopes: ['messages:fly'] },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['name', 'scopes.0']);
    const past = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: t.cookie },
      payload: { name: 'Viejo', scopes: ['messages:read'], expiresAt: '2001-01-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toEqual([{ path: 'expiresAt', message: 'must be in the future' }]);
  });

  it('are the owners’ and admins’: an agent can neither see nor make them', async () => {
    const agent = await addMember(t, 'agent', 'Carla Agente');
    const admin = await addMember(t, 'admin', 'Beto Admin');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/api-keys', headers: { cookie: agent.cookie } }))
        .statusCode,
    ).toBe(403);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: agent.cookie },
      payload: { name: 'Mío', scopes: ['messages:write'] },
    });
    expect(made.statusCode).toBe(403);
    expect((await list(admin.cookie)).length).toBeGreaterThan(0);
  });

  it('leave lines in the audit log: made, revoked, and used from a new address', async () => {
    const rows = await t.container.db.query<{ action: string; target_label: string }>(
      `SELECT action, target_label FROM audit_log WHERE action LIKE 'api_key.%' ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['api_key.created', 'api_key.revoked', 'api_key.used']),
    );
    expect(rows.find((r) => r.action === 'api_key.created')!.target_label).toBe('Shopify');
  });
});
