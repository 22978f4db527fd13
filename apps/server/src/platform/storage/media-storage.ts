import type { Readable } from 'node:stream';

/** Inclusive offsets, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where media bytes live. Keys are opaque paths chosen by the caller (`<workspace>/<media id>`).
 * Local disk by default; an S3-compatible store can implement the same three calls so several
 * server processes share one store.
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
