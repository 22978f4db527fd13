import { randomBytes } from 'node:crypto';
import type { Thread } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/platform/crypto';
import { createTestApp, type TestApp } from '../harness/test-app';

// A customer's file: the download worker fetches it from WhatsApp (the simulator), and only
// members of the workspace that received it can fetch it from Charla.

let t: TestApp;
let otherCookie: string;
beforeAll(async () => {
  t = await createTestApp();
  // A second workspace with its own member and session, made directly in the database.
  const db = t.container.db;
  const [ws] = await db.query<{ id: string }>(
    `INSERT INTO workspaces (name) VALUES ('Otra Tienda') RETURNING id`,
  );
  const [user] = await db.query<{ id: string }>(
    `INSERT INTO users (email, name, password_hash) VALUES ('eve@example.com', 'Eve', 'x') RETURNING id`,
  );
  await db.query(`INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, 'owner')`, [
    ws!.id,
    user!.id,
  ]);
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO sessions (id, user_id, workspace_id, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`,
    [sha256Hex(token), user!.id, ws!.id],
  );
  otherCookie = `charla_session=${token}`;
});
afterAll(() => t?.close());

async function sendFile(
  waId: string,
  kind: 'image' | 'document',
  bytes: Buffer,
  mimeType: string,
  filename?: string,
) {
  t.simulator.sendAsCustomer({
    phoneNumberId: t.sandbox.phoneNumberId,
    waId,
    message: { type: kind, [kind]: filename ? { filename } : {} },
    media: { base64: bytes.toString('base64'), mimeType, filename },
  });
  const thread = await t.waitFor(async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/conversations',
      headers: { cookie: t.cookie },
    });
    const conv = list.json().items.find((c: { contact: { waId: string } }) => c.contact.waId === waId);
    if (!conv) return null;
    const th: Thread = (
      await t.app.inject({
        method: 'GET',
        url: `/api/conversations/${conv.id}`,
        headers: { cookie: t.cookie },
      })
    ).json();
    const media = (th.messages[0]?.content as { media?: { state: string } } | undefined)?.media;
    return media?.state === 'ready' ? th : null;
  }, 'the file to be downloaded');
  return (thread.messages[0]!.content as { media: { id: string; url: string; size: number } }).media;
}

describe('GET /api/media/:id', () => {
  // A PNG signature plus random bytes: what matters is that every byte comes back unchanged.
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(4096)]);
  let image: { id: string; url: string; size: number };

  beforeAll(async () => {
    image = await sendFile('5215577770001', 'image', png, 'image/png');
  });

  it('gives the owner the exact bytes, with safe headers', async () => {
    expect(image.url).toBe(`/api/media/${image.id}`);
    expect(image.size).toBe(png.length);
    const res = await t.app.inject({ method: 'GET', url: image.url, headers: { cookie: t.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(png)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-length']).toBe(String(png.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers['content-disposition']).toBe('inline');
  });

  it('answers a Range request with just those bytes, so audio and video can be scrubbed', async () => {
    const get = (range: string) =>
      t.app.inject({ method: 'GET', url: image.url, headers: { cookie: t.cookie, range } });
    const part = await get('bytes=100-199');
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.equals(png.subarray(100, 200))).toBe(true);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${png.length}`);
    expect(part.headers['content-length']).toBe('100');
    expect(part.headers['accept-ranges']).toBe('bytes');

    const tail = await get('bytes=-10');
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(png.subarray(png.length - 10))).toBe(true);

    const open = await get(`bytes=${png.length - 5}-`);
    expect(open.rawPayload.equals(png.subarray(png.length - 5))).toBe(true);

    const past = await get(`bytes=${png.length}-`);
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${png.length}`);

    const whole = await t.app.inject({ method: 'GET', url: image.url, headers: { cookie: t.cookie } });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
  });

  it('answers 404 to a member of another workspace, exactly as for an unknown id', async () => {
    const other = await t.app.inject({ method: 'GET', url: image.url, headers: { cookie: otherCookie } });
    expect(other.statusCode).toBe(404);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/media/00000000-0000-4000-8000-000000000000',
      headers: { cookie: t.cookie },
    });
    expect(unknown.statusCode).toBe(404);
    expect(other.json()).toEqual(unknown.json());
    const garbage = await t.app.inject({
      method: 'GET',
      url: '/api/media/..%2F..%2Fetc',
      headers: { cookie: t.cookie },
    });
    expect(garbage.statusCode).toBe(404);
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: image.url });
    expect(res.statusCode).toBe(401);
  });

  it('serves a document as a download under its own name', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% factura\n');
    const doc = await sendFile('5215577770002', 'document', pdf, 'application/pdf', 'Factura marzo ñ.pdf');
    const res = await t.app.inject({ method: 'GET', url: doc.url, headers: { cookie: t.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Factura marzo _.pdf"; filename*=UTF-8''Factura%20marzo%20%C3%B1.pdf`,
    );
  });

  it('downloads each file once even if the downloads are woken again', async () => {
    const before = await t.container.db.query<{ updated_at: Date }>(
      'SELECT updated_at FROM media WHERE id = $1',
      [image.id],
    );
    t.container.mediaDownloads.wake();
    await new Promise((r) => setTimeout(r, 500));
    const after = await t.container.db.query<{ updated_at: Date; state: string }>(
      'SELECT updated_at, state FROM media WHERE id = $1',
      [image.id],
    );
    expect(after[0]).toMatchObject({ state: 'ready', updated_at: before[0]!.updated_at });
  });
});
