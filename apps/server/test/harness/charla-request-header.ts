/**
 * Every request a test sends with a cookie carries `X-Charla-Request: 1`, as the web app's do,
 * so tests of other features pass the CSRF check (apps/server/src/platform/http/csrf.ts) without
 * saying so. A test that proves the refusal names the header itself (any value, or `undefined`
 * to leave it out) or calls `fetchAsForeignPage`. Loaded by vitest.config.ts as a setup file.
 */
export const CHARLA_REQUEST_HEADER = 'x-charla-request';

type Fetch = typeof fetch;
const store = globalThis as typeof globalThis & { charlaOriginalFetch?: Fetch };
store.charlaOriginalFetch ??= globalThis.fetch;
const originalFetch: Fetch = store.charlaOriginalFetch;

/** The plain fetch: no header added (a page of another site would not send it either). */
export const fetchAsForeignPage: Fetch = (input, init) => originalFetch(input, init);

function isPlainRecord(v: unknown): v is Record<string, string | undefined> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Headers);
}

const fetchWithHeader: Fetch = (input, init) => {
  const raw = init?.headers ?? (input instanceof Request ? input.headers : undefined);
  const named = isPlainRecord(raw)
    ? Object.keys(raw).some((k) => k.toLowerCase() === CHARLA_REQUEST_HEADER)
    : new Headers(raw).has(CHARLA_REQUEST_HEADER);
  const entries = isPlainRecord(raw)
    ? Object.entries(raw).filter((e): e is [string, string] => e[1] !== undefined)
    : raw;
  const headers = new Headers(entries);
  if (!headers.has('cookie')) return originalFetch(input, init);
  if (!named) headers.set(CHARLA_REQUEST_HEADER, '1');
  return originalFetch(input, { ...init, headers });
};
globalThis.fetch = fetchWithHeader;

/** The same default for `app.inject`: adds the header unless the request names it. */
export function withCharlaRequestHeader<T>(opts: T): T {
  if (!opts || typeof opts !== 'object') return opts;
  const o = opts as { headers?: Record<string, unknown> };
  const headers = { ...(o.headers ?? {}) };
  const named = Object.keys(headers).some((k) => k.toLowerCase() === CHARLA_REQUEST_HEADER);
  if (!named) headers[CHARLA_REQUEST_HEADER] = '1';
  for (const k of Object.keys(headers)) if (headers[k] === undefined) delete headers[k];
  return { ...opts, headers } as T;
}
