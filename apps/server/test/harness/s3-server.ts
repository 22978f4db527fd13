import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3StorageOptions } from '../../src/platform/storage/s3-storage';

interface S3rver {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rver;

// The package ships no types; it checks Signature V4 as AWS does, so a request Charla signs
// wrongly is refused here too.
const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverClass;

/** The one key the server knows. */
const KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestS3 {
  endpoint: string;
  /** What `createS3Storage` needs to reach the bucket with the server's key. */
  options: S3StorageOptions;
  /** The same as settings, for a Charla started with MEDIA_STORAGE=s3. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * An S3-compatible server in this process, on a loopback port the kernel picks as it binds, over
 * a fresh folder, with one empty bucket.
 */
export async function startS3Server(bucket = 'charla-media'): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'charla-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    options: { endpoint, bucket, region: 'us-east-1', forcePathStyle: true, ...KEY },
    env: {
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: KEY.accessKeyId,
      S3_SECRET_ACCESS_KEY: KEY.secretAccessKey,
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
