import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Headers on every answer (web app, API, files): a Content-Security-Policy with no inline script
 * and no framing, X-Frame-Options DENY for older browsers, nosniff, no Referer sent anywhere, and
 * HSTS only when Charla is served over https (it would lock an http install out of the browser).
 * Routes that serve customers' files set a stricter CSP of their own (`sandbox`).
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  opts: { publicUrl: string },
): Promise<void> {
  const https = opts.publicUrl.startsWith('https://');
  await app.register(helmet, {
    global: true,
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
}
