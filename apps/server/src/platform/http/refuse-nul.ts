import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

/**
 * PostgreSQL refuses NUL (U+0000) in text and jsonb: a string holding one would fail deep in a
 * query with a 500. Every route refuses it up front instead, naming the field, whatever its
 * schema: body, query string and path parameters are walked once before validation. Raw bodies
 * (buffers: the signed WhatsApp webhook, CSV uploads) and multipart parts are left to their
 * routes, which store them through pg-safe.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const where = findNul('body', req.body) ?? findNul('query', req.query) ?? findNul('params', req.params);
    if (where) {
      const message = 'must not contain a NUL character (\\u0000)';
      throw new AppError(
        'invalid',
        'invalid_input',
        `${where} ${message}: remove it and send the request again.`,
        [{ path: where, message }],
      );
    }
  });
}

/** The path (`body.items.0.text`) of the first string or key holding a NUL, or null. */
export function findNul(root: string, value: unknown): string | null {
  // Iterative: a deeply nested body must not overflow the stack.
  const stack: [string, unknown][] = [[root, value]];
  while (stack.length > 0) {
    const [path, v] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([`${path}.${i}`, v[i]]);
    } else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const at = `${path}.${key.replaceAll('\u0000', '\\u0000')}`;
        if (key.includes('\u0000')) return at;
        stack.push([at, child]);
      }
    }
  }
  return null;
}
