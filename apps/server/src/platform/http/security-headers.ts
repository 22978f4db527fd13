import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Headers on every answer (web app, API, files): a Content-Security-Policy with no inline script
 * and no framing, X-Frame-Options DENY for older browsers, nosniff, no Referer sent anywhere, and
 * HSTS only when Charla is served over https (it would lock an http install out of the browser).
 * Routes that serve customers' files set a stricter CSP of their own (`sandbox`).
 *
 * Helmet itself, built once: the Fastify plugin built Helmet's middleware again on every request
 * (parsing the CSP each time), a twentieth of the CPU of a webhook's answer.
 */
export function registerSecurityHeaders(app: FastifyInstance, opts: { publicUrl: string }): void {
  const https = opts.publicUrl.startsWith('https://');
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // Radix and React Flow set inline styles at run time; scripts stay 'self' only.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    // The web app loads nothing from other origins; customers' files are same-origin too.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) =>
    setHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)),
  );
}
