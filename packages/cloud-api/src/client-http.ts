import type { z } from 'zod';
import { CloudApiError, parseJsonOrNull, toCloudApiError, toNetworkError } from './client-errors';
import { formatIssue } from './format-issue';

export type CloudApiClientOptions = {
  /** `https://graph.facebook.com`, or the simulator's base URL. */
  baseUrl: string;
  /** Graph API version segment, e.g. `v23.0`. */
  version: string;
  accessToken: string;
  timeoutMs?: number;
  /** Replaces fetch for every call (tests spy on or break requests with it). */
  fetch?: typeof fetch;
  /**
   * Carries JSON and raw-byte calls instead of fetch (not multipart uploads). Charla's server
   * passes a pooled undici transport: fetch's per-call objects cost a broadcast a third of its CPU.
   */
  transport?: GraphTransport;
};

/** One Graph call as bytes on the wire; must throw on a network error or after `timeoutMs`. */
export type GraphTransport = (call: {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  timeoutMs: number;
}) => Promise<{ status: number; text: string }>;

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** Raw bytes with their own headers (Resumable Upload), instead of a JSON or multipart body. */
export type RawBody = { bytes: Uint8Array; headers: Record<string, string> };

const DEFAULT_TIMEOUT_MS = 20_000;

/** The Graph transport every client method shares: auth, timeout, typed errors, response check. */
export class CloudApiHttp {
  protected readonly baseUrl: string;
  protected readonly version: string;
  protected readonly accessToken: string;
  protected readonly timeoutMs: number;
  protected readonly fetchImpl: typeof fetch;
  private readonly transport: GraphTransport | null;

  constructor(options: CloudApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.version = options.version;
    this.accessToken = options.accessToken;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.transport = options.fetch ? null : (options.transport ?? null);
  }

  protected async request<T>(
    method: HttpMethod,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const url = `${this.baseUrl}/${this.version}/${path}`;
    let status: number;
    let text: string;
    // FormData sets its own multipart content type with the boundary.
    const isForm = body instanceof FormData;
    const raw = isRawBody(body) ? body : null;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.accessToken}`,
      ...(body !== undefined && !isForm && raw === null && { 'content-type': 'application/json' }),
      ...raw?.headers,
    };
    const payload =
      body === undefined ? undefined : raw ? new Uint8Array(raw.bytes) : isForm ? body : JSON.stringify(body);
    try {
      if (this.transport && !isForm) {
        const response = await this.transport({
          method,
          url,
          headers,
          body: payload as string | Uint8Array | undefined,
          timeoutMs: this.timeoutMs,
        });
        status = response.status;
        text = response.text;
      } else {
        const response = await this.fetchImpl(url, {
          method,
          headers,
          ...(payload !== undefined && { body: payload }),
          // Graph never redirects; with 'error' fetch also skips cloning (teeing) every request body.
          redirect: 'error',
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        status = response.status;
        text = await response.text();
      }
    } catch (error) {
      throw toNetworkError(error, this.timeoutMs);
    }
    if (status < 200 || status > 299) throw toCloudApiError(status, text);
    const parsed = schema.safeParse(parseJsonOrNull(text));
    if (!parsed.success) {
      // Meta accepted the request but the body is not what we expect: a send may have happened.
      throw new CloudApiError({
        httpStatus: status,
        code: 0,
        title: 'Unexpected response body',
        details: parsed.error.issues[0] ? formatIssue(parsed.error.issues[0]) : null,
      });
    }
    return parsed.data;
  }
}

function isRawBody(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && (body as RawBody).bytes instanceof Uint8Array;
}
