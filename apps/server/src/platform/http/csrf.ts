import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The non-simple header the web app sends on every call; a form or a foreign page cannot add it. */
export const CHARLA_REQUEST_HEADER = 'x-charla-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfOptions {
  /** PUBLIC_URL: its origin is the only one allowed to change things. */
  publicUrl: string;
  sessionCookie: string;
}

/**
 * Cross-site request forgery guard. `SameSite=Lax` alone lets any page of the same site (another
 * port, a sibling subdomain) post with the member's cookie, so:
 * - a state change (POST, PUT, PATCH, DELETE) or a websocket upgrade whose `Origin` is present and
 *   is not PUBLIC_URL's is refused, cookie or not (setup and sign-in included);
 * - a state change that carries the session cookie also needs `X-Charla-Request: 1`: a non-simple
 *   header, which another origin can only send after a CORS preflight Charla never grants.
 * Meta's webhooks (`/webhooks/*`) carry neither a cookie nor a browser's Origin and are exempt.
 */
export function registerCsrfGuard(app: FastifyInstance, opts: CsrfOptions): void {
  const ownOrigin = new URL(opts.publicUrl).origin;
  const allowed = ownOrigins(opts.publicUrl);
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/webhooks/')) return;
    const isUpgrade = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    const isChange = !SAFE_METHODS.has(req.method);
    if (!isChange && !isUpgrade) return;

    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.has(origin)) {
      // A refused upgrade never reaches @fastify/websocket, which would otherwise end the socket.
      if (isUpgrade) reply.raw.once('finish', () => req.raw.socket.destroy());
      return reply.status(403).send({
        error: {
          code: 'csrf',
          message: `This request came from a page at ${origin}, not from Charla (${ownOrigin}), so it was refused. Use Charla at ${ownOrigin}; if that is not the address in your browser, set PUBLIC_URL to it.`,
        },
      });
    }
    if (isChange && hasSessionCookie(req, opts.sessionCookie) && req.headers[CHARLA_REQUEST_HEADER] !== '1') {
      return reply.status(403).send({
        error: {
          code: 'csrf',
          message: `A change made with a signed-in session needs the header "X-Charla-Request: 1" (the web app sends it), so this ${req.method} was refused. Reload Charla, or add the header to your own calls.`,
        },
      });
    }
  });
}

function hasSessionCookie(req: FastifyRequest, name: string): boolean {
  return typeof req.cookies?.[name] === 'string' && req.cookies[name] !== '';
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * PUBLIC_URL's origin; on this machine's loopback also its other names with the same port
 * (a browser opened at http://localhost:3000 when PUBLIC_URL says 127.0.0.1). Another port or
 * another host name is never Charla.
 */
export function ownOrigins(publicUrl: string): Set<string> {
  const url = new URL(publicUrl);
  const origins = new Set([url.origin]);
  if (LOOPBACK_NAMES.includes(url.hostname)) {
    for (const name of LOOPBACK_NAMES) {
      const alias = new URL(publicUrl);
      alias.hostname = name;
      origins.add(alias.origin);
    }
  }
  return origins;
}
