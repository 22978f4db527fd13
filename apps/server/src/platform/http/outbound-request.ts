import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { OutboundPolicy } from './outbound-guard';

export type OutboundErrorCode =
  | 'bad_url'
  | 'destination_not_allowed'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'network';

/** Why an outgoing request got no answer, in words a shop owner can act on. */
export class OutboundHttpError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundHttpError';
  }
}

export interface OutboundRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** For the whole exchange, redirects included. */
  timeoutMs: number;
  /** A longer answer is refused (default 1 MiB). */
  maxBytes?: number;
  /** Default 3. */
  maxRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Where the answer came from, after redirects. */
  url: string;
  ms: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Charla's outgoing HTTP to addresses users type in: each hop's destination is checked against
 * the policy before connecting, by literal address or by every address its name resolves to
 * (and the connection goes to the address checked, so a name that changes its answer between
 * the check and the connection gains nothing); redirects are followed by hand and checked the
 * same way.
 */
export async function outboundRequest(
  policy: OutboundPolicy,
  req: OutboundRequest,
): Promise<OutboundResponse> {
  const started = performance.now();
  const deadline = Date.now() + req.timeoutMs;
  let url = parseUrl(req.url);
  let method = req.method.toUpperCase();
  let body = req.body;
  for (let hop = 0; ; hop++) {
    const res = await once(policy, url, method, req.headers ?? {}, body, deadline, req.maxBytes ?? 1 << 20);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.status) || !location) {
      return { ...res, url: url.toString(), ms: Math.round(performance.now() - started) };
    }
    if (hop >= (req.maxRedirects ?? 3))
      throw new OutboundHttpError('too_many_redirects', `more than ${req.maxRedirects ?? 3} redirects`);
    url = parseUrl(new URL(location, url).toString());
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
  }
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundHttpError('bad_url', `"${raw.slice(0, 200)}" is not a URL (write it as https://…)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundHttpError(
      'bad_url',
      `only http:// and https:// addresses can be called, not ${url.protocol}`,
    );
  if (url.username || url.password)
    throw new OutboundHttpError('bad_url', 'put credentials in a header (Authorization), not in the address');
  return url;
}

function once(
  policy: OutboundPolicy,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  deadline: number,
  maxBytes: number,
): Promise<Omit<OutboundResponse, 'url' | 'ms'>> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const byName = policy.hostAllowed(host, port);
  const refused = (address: string) =>
    new OutboundHttpError(
      'destination_not_allowed',
      `${host === address ? address : `${host} (${address})`} is a private, local or reserved address; Charla calls only public addresses unless OUTBOUND_HTTP_ALLOW lists it`,
    );
  if (isIP(host) && !byName && !policy.addressAllowed(host)) return Promise.reject(refused(host));

  const lookup = (
    hostname: string,
    options: { all?: boolean },
    cb: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) =>
    dnsLookup(hostname, { all: true }, (err, addresses) => {
      if (err) return cb(err, '');
      const bad = byName ? undefined : addresses.find((a) => !policy.addressAllowed(a.address));
      if (bad) return cb(refused(bad.address), '');
      if (options.all) return cb(null, addresses);
      const [first] = addresses;
      if (!first) return cb(new OutboundHttpError('network', `${hostname} has no address`), '');
      cb(null, first.address, first.family);
    });

  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(timeoutError());
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      {
        method,
        agent: false,
        lookup: lookup as never,
        headers: {
          'user-agent': 'Charla',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
          ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy(
              new OutboundHttpError(
                'too_large',
                `the answer is longer than ${Math.round(maxBytes / 1024)} KB`,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(timer);
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(response.headers))
            if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({
            status: response.statusCode ?? 0,
            headers: flat,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', () => undefined);
      },
    );
    const timer = setTimeout(() => request.destroy(timeoutError()), remaining);
    request.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err instanceof OutboundHttpError ? err : networkError(err, host));
    });
    if (body !== undefined) request.write(body);
    request.end();
  });

  function timeoutError() {
    return new OutboundHttpError('timeout', 'no answer in time');
  }
}

function networkError(err: NodeJS.ErrnoException, host: string): OutboundHttpError {
  const why =
    err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN'
      ? `${host} was not found (check the address)`
      : err.code === 'ECONNREFUSED'
        ? `${host} refused the connection`
        : err.code === 'ECONNRESET'
          ? `${host} closed the connection`
          : err.message;
  return new OutboundHttpError('network', why);
}
