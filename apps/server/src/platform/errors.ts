/** What went wrong, in words a caller can act on; the HTTP layer maps `kind` to a status code. */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'range_not_satisfiable'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable machine code, e.g. `window_closed`. */
    readonly code: string,
    message: string,
    /** Each field at fault; `code` and `detail` when a client may want to say it in its own words. */
    readonly fields?: { path: string; message: string; code?: string; detail?: string }[],
    /** Facts a caller can act on, e.g. the `contactId` that already has a number. */
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) =>
  new AppError('not_found', `${what}_not_found`, `That ${what} does not exist.`);
