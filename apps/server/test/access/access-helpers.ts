import { expect } from 'vitest';
import type { TestApp } from '../harness/test-app';

export const cookieOf = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['set-cookie']).split(';')[0]!;

/** One request as the holder of `cookie` (null: nobody signed in). */
export function as(t: TestApp, cookie: string | null) {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: object) => call('POST', url, payload),
    patch: (url: string, payload?: object) => call('PATCH', url, payload),
    del: (url: string) => call('DELETE', url),
  };
}

export async function signIn(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  expect(res.statusCode, res.body).toBe(200);
  return cookieOf(res);
}

export async function auditActions(
  t: TestApp,
): Promise<{ action: string; target_label: string | null; details: unknown; actor_label: string | null }[]> {
  return t.container.db.query('SELECT action, target_label, details, actor_label FROM audit_log ORDER BY id');
}

export const ownerId = async (t: TestApp): Promise<string> => {
  const res = await as(t, t.cookie).get('/api/me');
  return res.json().user.id;
};
