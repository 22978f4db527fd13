import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer, text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3 } from '../../../test/harness/s3-server';
import { createLocalDiskStorage } from './local-disk-storage';
import type { MediaStorage } from './media-storage';
import { createS3Storage } from './s3-storage';

// Every MediaStorage keeps the same promises, so moving a deployment from one to another changes
// nothing a member sees: the same cases run against each.

interface Opened {
  storage: MediaStorage;
  close(): Promise<void>;
}
const implementations: { name: string; open(): Promise<Opened> }[] = [
  {
    name: 'local disk',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'charla-media-'));
      return { storage: createLocalDiskStorage(dir), close: async () => rmSync(dir, { recursive: true }) };
    },
  },
  {
    name: 'S3-compatible',
    async open() {
      const s3 = await startS3Server();
      return { storage: createS3Storage(s3.options), close: s3.close };
    },
  },
];

const bytesOf = async (storage: MediaStorage, key: string, range?: { start: number; end: number }) => {
  const got = await storage.get(key, range);
  return got && { size: got.size, bytes: await buffer(got.stream) };
};

describe.each(implementations.map((i) => [i.name, i] as const))('%s media storage', (_, { open }) => {
  let storage: MediaStorage;
  let opened: Opened | undefined;
  beforeAll(async () => {
    opened = await open();
    storage = opened.storage;
  });
  afterAll(() => opened?.close());

  it('stores, streams back and deletes bytes by key', async () => {
    await storage.put('ws-1/file-1', new TextEncoder().encode('hola'));
    const got = await storage.get('ws-1/file-1');
    expect(got?.size).toBe(4);
    expect(await text(got!.stream)).toBe('hola');
    expect(await storage.size('ws-1/file-1')).toBe(4);
    await storage.delete('ws-1/file-1');
    expect(await storage.get('ws-1/file-1')).toBeNull();
    expect(await storage.size('ws-1/file-1')).toBeNull();
  });

  it('answers null for a key never stored, and deleting it is no error', async () => {
    expect(await storage.get('ws-1/never')).toBeNull();
    expect(await storage.get('ws-1/never', { start: 0, end: 9 })).toBeNull();
    expect(await storage.size('ws-1/never')).toBeNull();
    await expect(storage.delete('ws-1/never')).resolves.toBeUndefined();
  });

  it('gives just the asked range, with the whole file size', async () => {
    await storage.put('ws-1/range', new TextEncoder().encode('0123456789'));
    expect(await bytesOf(storage, 'ws-1/range', { start: 2, end: 4 })).toEqual({
      size: 10,
      bytes: Buffer.from('234'),
    });
    expect(await bytesOf(storage, 'ws-1/range', { start: 9, end: 9 })).toEqual({
      size: 10,
      bytes: Buffer.from('9'),
    });
  });

  it('replaces what a key held', async () => {
    await storage.put('ws-1/again', new TextEncoder().encode('first, longer version'));
    await storage.put('ws-1/again', new TextEncoder().encode('second'));
    expect(await bytesOf(storage, 'ws-1/again')).toEqual({ size: 6, bytes: Buffer.from('second') });
    expect(await storage.size('ws-1/again')).toBe(6);
  });

  it('keeps the same file name of two workspaces apart', async () => {
    await storage.put('ws-a/same', new TextEncoder().encode('a'));
    await storage.put('ws-b/same', new TextEncoder().encode('b'));
    await storage.delete('ws-a/same');
    expect(await storage.get('ws-a/same')).toBeNull();
    expect((await bytesOf(storage, 'ws-b/same'))?.bytes).toEqual(Buffer.from('b'));
  });

  it('keeps every byte value, an empty file and a 5 MB file exactly', async () => {
    const every = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
    await storage.put('ws-1/every-byte', every);
    expect(await bytesOf(storage, 'ws-1/every-byte')).toEqual({ size: 512, bytes: Buffer.from(every) });

    await storage.put('ws-1/empty', new Uint8Array(0));
    expect(await bytesOf(storage, 'ws-1/empty')).toEqual({ size: 0, bytes: Buffer.alloc(0) });
    expect(await storage.size('ws-1/empty')).toBe(0);

    const big = randomBytes(5 * 1024 * 1024);
    await storage.put('ws-1/big.bin', big);
    const whole = await bytesOf(storage, 'ws-1/big.bin');
    expect(whole?.size).toBe(big.length);
    expect(whole?.bytes.equals(big)).toBe(true);
    const middle = await bytesOf(storage, 'ws-1/big.bin', { start: 1_000_000, end: 3_999_999 });
    expect(middle?.size).toBe(big.length);
    expect(middle?.bytes.equals(big.subarray(1_000_000, 4_000_000))).toBe(true);
  });

  it('refuses keys that would leave its folder or are not plain names', async () => {
    await expect(storage.put('../escape', new Uint8Array(1))).rejects.toThrow(/key/);
    await expect(storage.put('ws-1/../../escape', new Uint8Array(1))).rejects.toThrow(/key/);
    await expect(storage.get('/etc/passwd')).rejects.toThrow(/key/);
    await expect(storage.size('ws-1//double')).rejects.toThrow(/key/);
    await expect(storage.delete('ws-1/file?x=1')).rejects.toThrow(/key/);
    await expect(storage.get('')).rejects.toThrow(/key/);
  });
});

describe('S3-compatible media storage, misconfigured', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startS3Server();
  });
  afterAll(() => s3?.close());

  it('names the credentials when the secret is wrong, without showing it', async () => {
    const storage = createS3Storage({ ...s3.options, secretAccessKey: 'not-the-secret' });
    const put = storage.put('ws-1/file', new Uint8Array(1));
    await expect(put).rejects.toThrow(
      'S3 answered 403 SignatureDoesNotMatch for PUT charla-media/ws-1/file: check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY',
    );
    await expect(put).rejects.not.toThrow(/not-the-secret/);
  });

  it('names the credentials when the key is unknown, for reads too', async () => {
    const storage = createS3Storage({ ...s3.options, accessKeyId: 'NOBODY' });
    await expect(storage.get('ws-1/file')).rejects.toThrow(
      /S3 answered 403 InvalidAccessKeyId for GET charla-media\/ws-1\/file: check S3_ACCESS_KEY_ID/,
    );
    await expect(storage.size('ws-1/file')).rejects.toThrow(/403 for HEAD .*check S3_ACCESS_KEY_ID/);
  });

  it('says a missing bucket is missing instead of answering "no such file"', async () => {
    const storage = createS3Storage({ ...s3.options, bucket: 'no-such-bucket' });
    await expect(storage.get('ws-1/file')).rejects.toThrow(
      /404 NoSuchBucket for GET no-such-bucket\/ws-1\/file: create the bucket or check S3_BUCKET/,
    );
    await expect(storage.put('ws-1/file', new Uint8Array(1))).rejects.toThrow(/NoSuchBucket/);
    await expect(storage.delete('ws-1/file')).rejects.toThrow(/NoSuchBucket/);
  });

  it('names the endpoint when nothing answers there', async () => {
    const closed = await startS3Server();
    await closed.close();
    const storage = createS3Storage(closed.options);
    await expect(storage.put('ws-1/file', new Uint8Array(1))).rejects.toThrow(
      `Could not reach S3 at ${closed.endpoint} for PUT charla-media/ws-1/file`,
    );
    await expect(storage.get('ws-1/file')).rejects.toThrow(/check S3_ENDPOINT/);
  });

  it('keeps files under the prefix when the bucket is shared', async () => {
    const storage = createS3Storage({ ...s3.options, prefix: '/charla/' });
    await storage.put('ws-1/file', new TextEncoder().encode('hola'));
    const whole = createS3Storage(s3.options);
    expect(await whole.size('charla/ws-1/file')).toBe(4);
    expect(await whole.size('ws-1/file')).toBeNull();
    expect(() => createS3Storage({ ...s3.options, prefix: '../up' })).toThrow(/key/);
  });
});
