import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

/**
 * PostgreSQL refuses NUL (U+0000) in text and jsonb: a string holding one would fail deep in a
 * query with a 500. Every route refuses it up front instead, naming the field, whatever its
 * schema: body, query string and path parameters are walked once before validation, and the
 * parts of a multipart body (field names, text values, file names) as the route reads them.
 * Raw bodies (buffers: the signed WhatsApp webhook, a text/csv upload) and file contents are
 * bytes, left to their routes.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const where = findNul('body', req.body) ?? findNul('query', req.query) ?? findNul('params', req.params);
    if (where) throw nulIn(where);
    checkMultipartParts(req as unknown as MultipartRequest);
  });
}

function nulIn(where: string): AppError {
  const message = 'must not contain a NUL character (\\u0000)';
  return new AppError(
    'invalid',
    'invalid_input',
    `${where} ${message}: remove it and send the request again.`,
    [{ path: where, message }],
  );
}

const escapeNul = (s: string) => s.replaceAll('\u0000', '\\u0000');

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
        const at = `${path}.${escapeNul(key)}`;
        if (key.includes('\u0000')) return at;
        stack.push([at, child]);
      }
    }
  }
  return null;
}

/** What @fastify/multipart adds to a request of the routes that register it. */
interface MultipartPart {
  type?: string;
  fieldname?: unknown;
  filename?: unknown;
  value?: unknown;
  fields?: Record<string, MultipartPart | MultipartPart[] | undefined>;
}
interface MultipartRequest {
  isMultipart?: () => boolean;
  file?: (...args: unknown[]) => Promise<MultipartPart | undefined>;
  parts?: (...args: unknown[]) => AsyncIterableIterator<MultipartPart>;
}

/** Multipart parts are streamed to the handler: each is checked as the route takes it. */
function checkMultipartParts(req: MultipartRequest): void {
  if (typeof req.isMultipart !== 'function' || !req.isMultipart()) return;
  const check = <T extends MultipartPart | undefined>(part: T): T => {
    if (!part) return part;
    const field = String(part.fieldname ?? '');
    const at = `body.${escapeNul(field)}`;
    if (field.includes('\u0000')) throw nulIn(at);
    if (typeof part.filename === 'string' && part.filename.includes('\u0000')) throw nulIn(`${at}.filename`);
    if (part.type === 'field' && typeof part.value === 'string' && part.value.includes('\u0000'))
      throw nulIn(at);
    // `req.file()` hands over the text fields sent before the file with it, by name.
    if (part.type === 'file' && part.fields) {
      for (const f of Object.values(part.fields).flat()) if (f && f.type === 'field') check(f);
    }
    return part;
  };
  const { file, parts } = req;
  if (typeof file === 'function') req.file = async (...args) => check(await file.apply(req, args));
  if (typeof parts === 'function') {
    req.parts = (...args) => {
      const inner = parts.apply(req, args);
      return (async function* () {
        for await (const part of inner) yield check(part);
      })();
    };
  }
}
