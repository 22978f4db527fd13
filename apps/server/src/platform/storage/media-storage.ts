import type { Readable } from 'node:stream';

/**
 * Where media bytes live. Keys are opaque paths chosen by the caller (`<workspace>/<media id>`).
 * Local disk by default; an S3-compatible store can implement the same three calls so several
 * server processes share one store.
 */
export interface MediaStorage {
  /** Stores the bytes under `key`, replacing what was there; resolves once durable. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** A stream of the bytes and their size, or null when nothing is stored under `key`. */
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Removes the bytes; no error when nothing is there. */
  delete(key: string): Promise<void>;
}
