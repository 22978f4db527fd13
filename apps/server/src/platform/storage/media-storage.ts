import type { Readable } from 'node:stream';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/**
 * Throws unless `key` is a relative path of plain names. Every store refuses the same keys, so a
 * key that would climb out of the media folder is refused in S3 as well and moving between them
 * never meets a key one of them cannot hold.
 */
export function assertMediaKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`Not a valid media storage key: ${key}`);
}

/** Inclusive offsets, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where media bytes live. Keys are opaque paths chosen by the caller (`<workspace>/<media id>`).
 * Local disk by default; an S3-compatible bucket (`s3-storage.ts`) lets several server processes
 * share one store.
 */
export interface MediaStorage {
  /** Stores the bytes under `key`, replacing what was there; resolves once durable. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /**
   * A stream of the bytes and the whole file's size, or null when nothing is stored under `key`.
   * With `range` (inclusive byte offsets, already checked against the size) only those bytes.
   */
  get(key: string, range?: ByteRange): Promise<{ stream: Readable; size: number } | null>;
  /** The size of what is stored under `key`, or null when nothing is. */
  size(key: string): Promise<number | null>;
  /** Removes the bytes; no error when nothing is there. */
  delete(key: string): Promise<void>;
}

/** The store refused for want of space (a full disk, a quota): waiting and freeing space fix it. */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
