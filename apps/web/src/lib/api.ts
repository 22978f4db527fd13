import type { ApiError as ApiErrorBody } from '@charla/contracts';

export type FieldProblem = { path: string; message: string; code?: string; detail?: string };

/** An error answered by Charla's API (or `network` when the server could not be reached). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];
  /** From `Retry-After` on a 429: how long until the server takes another attempt. */
  readonly retryAfterSeconds: number | null;
  /** Facts to act on, e.g. `contactId` of the contact that already has a number. */
  readonly details: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldProblem[] = [],
    retryAfterSeconds: number | null = null,
    details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
    this.details = details;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/**
 * Sent with every call to Charla: a header a plain form or a page of another site cannot add
 * without the server's consent (CORS), so the server refuses state changes that lack it (CSRF).
 */
export const CHARLA_REQUEST_HEADER = { name: 'x-charla-request', value: '1' } as const;

type RequestOptions = { method?: string; body?: unknown; signal?: AbortSignal };

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    [CHARLA_REQUEST_HEADER.name]: CHARLA_REQUEST_HEADER.value,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Could not reach the server');
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(response.status, payload, response.headers.get('retry-after'));
  return payload as T;
}

// A hand-written check instead of ApiErrorSchema keeps zod out of the browser bundle.
function isErrorBody(payload: unknown): payload is ApiErrorBody {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false;
  const { error } = payload;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

export function toApiError(status: number, payload: unknown, retryAfter: string | null = null): ApiError {
  if (!isErrorBody(payload))
    return new ApiError(status, `http_${status}`, `Request failed with status ${status}`);
  const { code, message, fields, details } = payload.error;
  const wait = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null;
  const facts = details && typeof details === 'object' ? (details as Record<string, string>) : {};
  return new ApiError(status, code, message, Array.isArray(fields) ? fields : [], wait, facts);
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
};
