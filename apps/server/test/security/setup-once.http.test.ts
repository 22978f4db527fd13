import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { type Container, createContainer } from '../../src/container';
import { createTestDatabase } from '../harness/test-db';

// A Charla that has not been set up yet (the shared test app sets itself up at start).
let app: FastifyInstance;
let container: Container;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'charla-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    SECRET_KEY: 'ab'.repeat(32),
    LOG_LEVEL: 'silent',
  });
  const silent = { info() {}, warn() {}, error() {} };
  container = await createContainer(config, {
    logger: silent,
    simulatorUrl: null,
    database: await createTestDatabase(),
  });
  app = await buildApp(container);
});
afterAll(async () => {
  await app?.close();
  await container?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('first-run setup', () => {
  it('makes exactly one owner when ten setups race: one 200, nine 409 "already set up"', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/api/setup',
          headers: { 'x-charla-request': '1' },
          payload: {
            workspaceName: `Tienda ${i}`,
            name: `Owner ${i}`,
            email: `owner${i}@example.com`,
            password: 'correct horse battery',
          },
        }),
      ),
    );
    const ok = answers.filter((a) => a.statusCode === 200);
    const refused = answers.filter((a) => a.statusCode === 409);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const r of refused) {
      expect(r.json().error.code).toBe('already_set_up');
      expect(r.json().error.message).toContain('Charla is already set up: sign in');
    }
    const [counts] = await container.db.query<{ workspaces: number; users: number; owners: number }>(
      `SELECT (SELECT count(*)::int FROM workspaces) AS workspaces, (SELECT count(*)::int FROM users) AS users,
              (SELECT count(*)::int FROM workspace_members WHERE role = 'owner') AS owners`,
    );
    expect(counts).toEqual({ workspaces: 1, users: 1, owners: 1 });
    // The one who won can sign in; the others' emails are unknown.
    expect(ok[0]!.json().user.email).toMatch(/^owner\d@example\.com$/);
    // The setup is the owner's first sign-in: the activity log has it, with their address, so the
    // sign-in throttle knows it as their usual one.
    const lines = await container.db.query<{ action: string; ip: string | null; details: unknown }>(
      'SELECT action, ip, details FROM audit_log',
    );
    expect(lines).toEqual([{ action: 'auth.login', ip: '127.0.0.1', details: { via: 'setup' } }]);
  });
});
