/*
 * PostgreSQL refuses NUL characters in text and jsonb, and lone UTF-16 surrogates in jsonb.
 * Both can arrive in a customer's message (or a forged one); one such string must not fail a
 * whole batch, so they become U+FFFD before storing.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function toPgSafeText(s: string): string;
export function toPgSafeText(s: string | null): string | null;
export function toPgSafeText(s: string | null): string | null {
  return s === null ? null : s.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}

// JSON.stringify writes NUL and lone surrogates (only those) as \u escapes; an escape is real
// when an even number of backslashes precedes it.
const UNSAFE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi;

/** JSON text for a jsonb parameter, with what PostgreSQL refuses replaced by U+FFFD. */
export function toPgJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_ESCAPE, '$1\\ufffd');
}

/**
 * Like `toPgJson`, for a value that came from outside: JSON nested deeper than the stack
 * allows (JSON.parse accepts it, JSON.stringify does not) is stored as `fallback` instead.
 */
export function toPgJsonOr(value: unknown, fallback: () => unknown): string {
  try {
    return toPgJson(value);
  } catch (err) {
    if (err instanceof RangeError) return toPgJson(fallback());
    throw err;
  }
}
