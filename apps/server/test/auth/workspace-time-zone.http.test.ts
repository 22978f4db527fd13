import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t?.close());

const call = (method: 'GET' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });

describe('the workspace time zone', () => {
  it('is UTC after a setup that named none, in the settings and the session', async () => {
    expect((await call('GET', '/api/workspace/settings')).json().timezone).toBe('UTC');
    expect((await call('GET', '/api/me')).json().workspace).toMatchObject({
      name: 'Tienda Luna',
      timezone: 'UTC',
    });
  });

  it('is changed by an admin and shows in the session the web app reads', async () => {
    const res = await call('PATCH', '/api/workspace/settings', { timezone: 'Europe/Madrid' });
    expect(res.statusCode).toBe(200);
    expect(res.json().timezone).toBe('Europe/Madrid');
    expect((await call('GET', '/api/me')).json().workspace.timezone).toBe('Europe/Madrid');
    // Spelled as the zone list spells it.
    const lower = await call('PATCH', '/api/workspace/settings', { timezone: 'america/mexico_city' });
    expect(lower.json().timezone).toBe('America/Mexico_City');
  });

  it('refuses a name that is no IANA zone with a 422 that says what to send, and keeps the old one', async () => {
    for (const timezone of ['Europe/Nowhere', 'CET', 'GMT+2']) {
      const res = await call('PATCH', '/api/workspace/settings', { timezone });
      expect(res.statusCode).toBe(422);
      const { error } = res.json();
      expect(error.code).toBe('invalid_time_zone');
      expect(error.message).toContain(`"${timezone}" is not a time zone`);
      expect(error.message).toContain('Europe/Madrid');
      expect(error.fields).toEqual([{ path: 'timezone', message: 'not an IANA time zone' }]);
    }
    expect((await call('GET', '/api/workspace/settings')).json().timezone).toBe('America/Mexico_City');
  });

  it('refuses a bad zone at setup before anything else', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        workspaceName: 'X',
        name: 'Eva',
        email: 'e@example.com',
        password: 'long enough 123',
        timezone: 'Mars/Olympus',
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('invalid_time_zone');
  });
});

describe('first-run setup with the browser time zone', () => {
  let other: TestApp;
  beforeAll(async () => {
    other = await createTestApp({ setup: { timezone: 'America/Mexico_City' } });
  }, 60_000);
  afterAll(() => other?.close());

  it('keeps the zone the setup form sent', async () => {
    const me = await other.app.inject({ url: '/api/me', headers: { cookie: other.cookie } });
    expect(me.json().workspace.timezone).toBe('America/Mexico_City');
  });
});
