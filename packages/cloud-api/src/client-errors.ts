import { GraphErrorEnvelopeSchema } from './errors';

/** Meta answered with an error (or with a body we could not read); the request did reach Meta. */
export class CloudApiError extends Error {
  override readonly name = 'CloudApiError';
  readonly httpStatus: number;
  /** Meta's error code (§6.2); 0 when the body was not Meta's error envelope. */
  readonly code: number;
  readonly title: string;
  readonly details: string | null;
  readonly subcode?: number;
  readonly fbtraceId?: string;
  readonly type?: string;

  constructor(init: {
    httpStatus: number;
    code: number;
    title: string;
    details: string | null;
    subcode?: number;
    fbtraceId?: string;
    type?: string;
  }) {
    super(`(#${init.code}) ${init.title}${init.details ? `: ${init.details}` : ''}`);
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.title = init.title;
    this.details = init.details;
    if (init.subcode !== undefined) this.subcode = init.subcode;
    if (init.fbtraceId !== undefined) this.fbtraceId = init.fbtraceId;
    if (init.type !== undefined) this.type = init.type;
  }
}

/**
 * The request failed below HTTP. The Cloud API has no idempotency key, so `mayHaveReachedMeta`
 * tells the caller whether retrying a send could deliver it twice.
 */
export class CloudApiNetworkError extends Error {
  override readonly name = 'CloudApiNetworkError';
  readonly mayHaveReachedMeta: boolean;

  constructor(message: string, mayHaveReachedMeta: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.mayHaveReachedMeta = mayHaveReachedMeta;
  }
}

/** Builds a CloudApiError from any non-2xx answer; a non-JSON body (proxy page, empty) never throws here. */
export function toCloudApiError(httpStatus: number, bodyText: string): CloudApiError {
  const envelope = GraphErrorEnvelopeSchema.safeParse(parseJsonOrNull(bodyText));
  if (!envelope.success) {
    const snippet = bodyText.trim().slice(0, 500);
    return new CloudApiError({
      httpStatus,
      code: 0,
      title: `HTTP ${httpStatus} without a Graph error body`,
      details: snippet === '' ? null : snippet,
    });
  }
  const { error } = envelope.data;
  return new CloudApiError({
    httpStatus,
    code: error.code,
    // Meta's message is "(#<code>) <title>"; keep only the title.
    title: error.message.replace(/^\(#\d+\)\s*/, ''),
    details: error.error_data?.details ?? null,
    ...(error.error_subcode !== undefined && { subcode: error.error_subcode }),
    ...(error.fbtrace_id !== undefined && { fbtraceId: error.fbtrace_id }),
    ...(error.type !== undefined && { type: error.type }),
  });
}

export function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Failures that happen before any request byte can have been written: no connection, no name,
// or a refused TLS handshake. Anything else (reset, timeout, aborted body) may have reached Meta.
const NOT_REACHED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Wraps whatever fetch threw into a CloudApiNetworkError that says whether Meta may have seen it. */
export function toNetworkError(error: unknown, timeoutMs: number): CloudApiNetworkError {
  if (isTimeout(error)) {
    return new CloudApiNetworkError(`Cloud API request timed out after ${timeoutMs} ms`, true, {
      cause: error,
    });
  }
  const codes = collectErrorCodes(error);
  const reached = codes.length === 0 || codes.some((code) => !NOT_REACHED_CODES.has(code));
  const detail = codes.length > 0 ? codes.join(', ') : error instanceof Error ? error.message : String(error);
  return new CloudApiNetworkError(`Cloud API request failed: ${detail}`, reached, { cause: error });
}

/** fetch's abort signal, or undici's own timers (no answer, or an answer that stalled). */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === 'TimeoutError' || error.name === 'AbortError' || TIMEOUT_CODES.has(String(code));
}

// undici wraps the socket error in `cause`, and happy-eyeballs connects wrap several in an AggregateError.
function collectErrorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || typeof error !== 'object' || error === null) return [];
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === 'string' ? [record.code] : [];
  const nested = Array.isArray(record.errors)
    ? record.errors.flatMap((inner) => collectErrorCodes(inner, depth + 1))
    : [];
  const fromCause = collectErrorCodes(record.cause, depth + 1);
  return [...own, ...nested, ...fromCause];
}

/** A media download was refused or stopped because the file is larger than the caller allows. */
export class MediaTooLargeError extends Error {
  override readonly name = 'MediaTooLargeError';
  readonly maxBytes: number;
  /** From Content-Length when the server announced it; null when the limit was hit while reading. */
  readonly declaredBytes: number | null;

  constructor(maxBytes: number, declaredBytes: number | null) {
    super(
      declaredBytes === null
        ? `Media download stopped: the file is larger than ${maxBytes} bytes`
        : `Media download refused: the file is ${declaredBytes} bytes, more than the ${maxBytes} allowed`,
    );
    this.maxBytes = maxBytes;
    this.declaredBytes = declaredBytes;
  }
}
