import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { assertMediaKey, type MediaStorage } from './media-storage';

export interface S3StorageOptions {
  /** The store's S3 API, e.g. `https://s3.eu-central-1.amazonaws.com` or `http://127.0.0.1:9000`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` (MinIO, Garage, Ceph, R2) rather than `bucket.endpoint/key` (AWS). */
  forcePathStyle: boolean;
  /** A folder inside the bucket, for a bucket that holds other things too. */
  prefix?: string;
}

// What an operator can change for each answer; the code comes from the store's XML body.
const CREDENTIALS = 'check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY';
const HINTS: Record<string, string> = {
  SignatureDoesNotMatch: CREDENTIALS,
  InvalidAccessKeyId: CREDENTIALS,
  AccessDenied: 'check that S3_ACCESS_KEY_ID may read, write and delete objects in S3_BUCKET',
  NoSuchBucket: 'create the bucket or check S3_BUCKET',
  AuthorizationHeaderMalformed: 'check S3_REGION',
  PermanentRedirect: 'the bucket is served elsewhere: check S3_ENDPOINT and S3_REGION',
  RequestTimeTooSkewed: "this machine's clock is off by minutes: synchronise it (NTP)",
};

function hintFor(status: number, code: string, message: string | undefined): string {
  const hint = HINTS[code];
  if (hint) return hint;
  if (status === 403) return `${CREDENTIALS} and what that key may do in S3_BUCKET`;
  const said = message ? ` (${message})` : '';
  if (status >= 500) return `the store failed${said}: check that it is up and read its logs`;
  return `the store refused the request${said}`;
}

/** MediaStorage in a bucket of any S3-compatible store, signed with AWS Signature V4. */
export function createS3Storage(opts: S3StorageOptions): MediaStorage {
  const { bucket } = opts;
  const endpoint = new URL(opts.endpoint);
  const path = endpoint.pathname.replace(/\/+$/, '');
  const root = opts.forcePathStyle
    ? `${endpoint.origin}${path}/${bucket}`
    : `${endpoint.protocol}//${bucket}.${endpoint.host}${path}`;
  const prefix = (opts.prefix ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix) assertMediaKey(prefix);
  // A brief hiccup of the store (5xx, 429) is retried at once; a store that stays down fails the
  // call within a second, and the caller's own retries (the download queue's) take over.
  const client = new AwsClient({
    accessKeyId: opts.accessKeyId,
    secretAccessKey: opts.secretAccessKey,
    region: opts.region,
    service: 's3',
    retries: 2,
    initRetryMs: 100,
  });

  const objectKey = (key: string) => {
    assertMediaKey(key);
    return prefix ? `${prefix}/${key}` : key;
  };

  async function send(
    method: string,
    key: string,
    init: { headers?: Record<string, string>; body?: Uint8Array } = {},
  ) {
    const where = `${bucket}/${key}`;
    try {
      const res = await client.fetch(`${root}/${key}`, { method, ...init } as RequestInit);
      return { res, where };
    } catch (err) {
      const why = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
      throw new Error(
        `Could not reach S3 at ${endpoint.origin} for ${method} ${where} (${why}): check S3_ENDPOINT and that the store is up`,
        { cause: err },
      );
    }
  }

  /** Reads a failed answer; `missing` when it only says nothing is stored under the key. */
  async function failureOf(res: Response, method: string, where: string) {
    const body = await res.text().catch(() => '');
    const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? '';
    const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
    // A HEAD answer has no body, so a missing bucket looks like a missing key there.
    const missing = res.status === 404 && code !== 'NoSuchBucket';
    const text = `S3 answered ${res.status}${code ? ` ${code}` : ''} for ${method} ${where}`;
    return { missing, error: new Error(`${text}: ${hintFor(res.status, code, message)}`) };
  }

  return {
    async put(key, bytes) {
      const { res, where } = await send('PUT', objectKey(key), { body: bytes });
      if (!res.ok) throw (await failureOf(res, 'PUT', where)).error;
      await res.body?.cancel();
    },
    async get(key, range) {
      const headers = range && { range: `bytes=${range.start}-${range.end}` };
      const { res, where } = await send('GET', objectKey(key), { headers });
      if (!res.ok) {
        const failure = await failureOf(res, 'GET', where);
        if (failure.missing) return null;
        throw failure.error;
      }
      const size = range
        ? Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1] ?? Number.NaN)
        : Number(res.headers.get('content-length') ?? Number.NaN);
      if ((range && res.status !== 206) || !Number.isSafeInteger(size)) {
        await res.body?.cancel();
        throw new Error(
          `S3 answered ${res.status} for GET ${where} without the file's size (Content-Range / Content-Length): check that S3_ENDPOINT is an S3 API`,
        );
      }
      const stream = res.body
        ? Readable.fromWeb(res.body as unknown as NodeReadableStream<Uint8Array>)
        : Readable.from([]);
      return { stream, size };
    },
    async size(key) {
      const { res, where } = await send('HEAD', objectKey(key));
      if (!res.ok) {
        const failure = await failureOf(res, 'HEAD', where);
        if (failure.missing) return null;
        throw failure.error;
      }
      const size = Number(res.headers.get('content-length') ?? Number.NaN);
      if (!Number.isSafeInteger(size)) throw new Error(`S3 answered HEAD ${where} without Content-Length`);
      return size;
    },
    async delete(key) {
      const { res, where } = await send('DELETE', objectKey(key));
      if (res.ok) return void (await res.body?.cancel());
      const failure = await failureOf(res, 'DELETE', where);
      if (!failure.missing) throw failure.error;
    },
  };
}
