import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Storage } from '../../src/platform/storage/s3-storage';
import { customerSendsFile } from '../harness/customer-files';
import { apiOf } from '../harness/outbound';
import { startS3Server, type TestS3 } from '../harness/s3-server';
import { createTestApp, type TestApp } from '../harness/test-app';

// With MEDIA_STORAGE=s3 a customer's file goes to the bucket, where every Charla process finds
// it, and members get it from there exactly as from local disk.

let s3: TestS3;
let t: TestApp;
beforeAll(async () => {
  s3 = await startS3Server();
  t = await createTestApp({ config: s3.env });
});
afterAll(async () => {
  await t?.close();
  await s3?.close();
});

describe('a customer file with MEDIA_STORAGE=s3', () => {
  it('is downloaded into the bucket as <workspace>/<media id> and served from there', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(300_000)]);
    customerSendsFile(t, '5215577770101', png, { mimeType: 'image/png' });
    const media = await t.waitFor(async () => {
      const conv = (await apiOf(t).call('GET', '/api/conversations')).json().items[0];
      if (!conv) return null;
      const thread = await apiOf(t).thread(conv.id);
      const m = (thread.messages[0]?.content as { media?: { id: string; url: string; state: string } })
        ?.media;
      return m?.state === 'ready' ? m : null;
    }, 'the file to be downloaded');

    const [row] = await t.container.db.query<{ workspace_id: string; storage_key: string }>(
      'SELECT workspace_id, storage_key FROM media WHERE id = $1',
      [media.id],
    );
    expect(row!.storage_key).toBe(`${row!.workspace_id}/${media.id}`);
    const inBucket = await createS3Storage(s3.options).get(row!.storage_key);
    expect(inBucket?.size).toBe(png.length);
    expect((await buffer(inBucket!.stream)).equals(png)).toBe(true);
    expect(existsSync(join(t.container.config.DATA_DIR, 'media'))).toBe(false);

    const whole = await t.app.inject({ method: 'GET', url: media.url, headers: { cookie: t.cookie } });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(png)).toBe(true);
    const part = await t.app.inject({
      method: 'GET',
      url: media.url,
      headers: { cookie: t.cookie, range: 'bytes=100-199' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${png.length}`);
    expect(part.rawPayload.equals(png.subarray(100, 200))).toBe(true);
  });
});
