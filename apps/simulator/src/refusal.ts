import type { GraphApiError } from './graph-error';

export type Result<T> = { ok: true; value: T } | { ok: false; error: GraphApiError };

class Refusal {
  constructor(readonly error: GraphApiError) {}
}

/** Stops a validation at its first problem; `guard` turns it into a Result, like Meta's first error. */
export function fail(error: GraphApiError): never {
  throw new Refusal(error);
}

export function guard<T>(run: () => T): Result<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error };
    throw error;
  }
}
