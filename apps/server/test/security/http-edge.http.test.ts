import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fetchAsForeignPage } from '../harness/charla-request-header';
import { createTestApp, type TestApp } from '../harness/test-app';

// Cross-site request forgery, security headers, /metrics and /docs: what a page of another
// origin, a framing page or a visitor behind the reverse proxy can no longer do.

const OWN = 'https://charla.example.com';
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const SAME_SITE = 'https://files.example.com';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { PUBLIC_URL: OWN, METRICS_TOKEN: 'scrape-me-0123456789' } });
}, 60_000);
afterAll(() => t?.close());

const me = () => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: t.cookie } });

/** Opens the realtime socket; resolves with the HTTP status of a refusal, or 101. */
function upgrade(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${t.baseUrl.replace('http', 'ws')}/api/realtime`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe('CSRF', () => {
  it('refuses a signed-in change without X-Charla-Request, saying what to do, and changes nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: t.cookie, 'x-charla-request': undefined },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
    expect(res.json().error.message).toContain('X-Charla-Request: 1');
    expect((await me()).statusCode).toBe(200);
  });

  it('refuses a form post from a page of the same site (over the network, as a browser sends it)', async () => {
    const res = await fetchAsForeignPage(`${t.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: t.cookie, origin: SAME_SITE, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x=1',
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('csrf');
    expect(body.error.message).toContain(SAME_SITE);
    expect(body.error.message).toContain('PUBLIC_URL');
    expect((await me()).statusCode).toBe(200);
  });

  it('refuses another origin even with the header, and for sign-in and setup that have no cookie yet', async () => {
    const withHeader = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: t.cookie, origin: SAME_SITE },
      payload: { locale: 'en' },
    });
    expect(withHeader.statusCode).toBe(403);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: SAME_SITE },
      payload: { email: 'ana@example.com', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(403);
    expect(login.headers['set-cookie']).toBeUndefined();
    const setup = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      headers: { origin: 'null' },
      payload: { workspaceName: 'X', name: 'X', email: 'x@example.com', password: 'correct horse battery' },
    });
    expect(setup.statusCode).toBe(403);
    expect(setup.json().error.code).toBe('csrf');
  });

  it("accepts Charla's own origin with the header, and sign-in without a cookie", async () => {
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: t.cookie, origin: OWN },
      payload: { locale: 'es' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: OWN, 'x-charla-request': undefined },
      payload: { email: 'ana@example.com', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('leaves webhooks alone: Meta sends no browser header', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { origin: SAME_SITE, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).not.toBe(403);
  });

  it('refuses a websocket opened by a page of another origin', async () => {
    expect(await upgrade({ cookie: t.cookie, origin: SAME_SITE })).toBe(403);
    expect(await upgrade({ cookie: t.cookie, origin: OWN })).toBe(101);
  });
});

describe('security headers', () => {
  it('sends a CSP without inline script, no framing, nosniff, no referrer and HSTS over https on every answer', async () => {
    for (const url of ['/api/setup', '/api/me', '/health', '/no-such-page']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    }
  });
});

describe("customers' files", () => {
  it('keep their own sandboxed CSP, nosniff and a Content-Disposition under the app-wide headers', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(ONE_PIXEL_PNG, 'base64')], { type: 'image/png' }), 'p.png');
    const upload = await fetch(`${t.baseUrl}/api/media?kind=image`, {
      method: 'POST',
      headers: { cookie: t.cookie },
      body: form,
    });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/media/${id}`,
      headers: { cookie: t.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['x-frame-options']).toBe('DENY');
    expect(String(file.headers['content-disposition'])).toMatch(/^(inline|attachment)/);
  });
});

describe('/metrics and /docs', () => {
  it('serves metrics only with the bearer token, even from loopback', async () => {
    const local = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(401);
    expect(local.json().error.message).toContain('METRICS_TOKEN');
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer scrape-me-wrong-token' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer scrape-me-0123456789' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('process_cpu');
  });

  it('keeps the API docs for signed-in members', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(anonymous.statusCode).toBe(401);
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(401);
    const member = await t.app.inject({ method: 'GET', url: '/docs/json', headers: { cookie: t.cookie } });
    expect(member.statusCode).toBe(200);
    expect(member.json().info.title).toBe('Charla API');
  });
});

describe('an install over http without metrics settings', () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await createTestApp();
  }, 60_000);
  afterAll(() => plain?.close());

  it('refuses /metrics behind a same-host proxy, saying how to turn them on', async () => {
    const res = await plain.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/METRICS_TOKEN.*METRICS_PUBLIC=true/);
  });

  it('sends no HSTS over http', async () => {
    const res = await plain.app.inject({ method: 'GET', url: '/api/setup' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('METRICS_PUBLIC', () => {
  let open: TestApp;
  beforeAll(async () => {
    open = await createTestApp({ config: { METRICS_PUBLIC: 'true' } });
  }, 60_000);
  afterAll(() => open?.close());

  it('serves metrics to anyone when the operator opted in', async () => {
    const res = await open.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(res.statusCode).toBe(200);
  });
});
