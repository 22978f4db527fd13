import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('/health and /ready, for the proxy and orchestrators', () => {
  it('both answer 200 on a running Charla, without a session', async () => {
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await fetch(`${t.baseUrl}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
  });

  it('/ready answers 503 naming the missing migration when the database lacks one of this version', async () => {
    const [last] = await t.container.db.query<{ id: number; hash: string; created_at: string }>(
      'SELECT id, hash, created_at::text FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1',
    );
    await t.container.db.query('DELETE FROM drizzle.__drizzle_migrations WHERE id = $1', [last!.id]);
    try {
      const ready = await fetch(`${t.baseUrl}/ready`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { ready: boolean; reason: string };
      expect(body.ready).toBe(false);
      expect(body.reason).toMatch(/lacks 1 migration/);
      // Alive all the same: the proxy takes it out of rotation, nothing restarts it.
      expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);
    } finally {
      await t.container.db.query(
        'INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES ($1, $2, $3::bigint)',
        [last!.id, last!.hash, last!.created_at],
      );
    }
    expect((await fetch(`${t.baseUrl}/ready`)).status).toBe(200);
  });

  it('/ready answers 503 while the process closes, so the proxy stops sending it work', async () => {
    const other = await createTestApp();
    const url = other.baseUrl;
    // A keep-alive connection made before the close, as a proxy's would be.
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    const closing = other.app.close();
    const during = await fetch(`${url}/ready`).then(
      (r) => r.status,
      () => 'refused',
    );
    await closing;
    await other.close();
    expect([503, 'refused']).toContain(during);
  });
});
