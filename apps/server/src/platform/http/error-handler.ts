import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorKind } from '../errors';

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  range_not_satisfiable: 416,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** One error shape for the whole API: `{ error: { code, message, fields? } }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      // A throttled attempt (modules/auth/auth-throttle.ts) says when to come back.
      const retryAfter = (err as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.status(statusByKind[err.kind]).send({
        error: {
          code: err.code,
          message: err.message,
          ...(err.fields ? { fields: err.fields } : {}),
          ...(err.details ? { details: err.details } : {}),
        },
      });
    }
    const invalid = validationError(err);
    if (invalid) {
      return reply
        .status(400)
        .send({ error: { code: invalid.code, message: invalid.message, fields: invalid.fields } });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({
        error: { code: 'too_many_attempts', message: 'Too many attempts. Wait a minute and try again.' },
      });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply
        .status(err.statusCode)
        .send({ error: { code: err.code ?? 'bad_request', message: err.message } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
  });
}

/** A request the route's schema refused, as an AppError naming each field (null for other errors). */
export function validationError(err: unknown): AppError | null {
  if (!hasZodFastifySchemaValidationErrors(err)) return null;
  const fields = err.validation.map((v) => ({
    path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(body)',
    message: v.message ?? 'is not valid',
  }));
  return new AppError(
    'invalid',
    'validation_failed',
    `The request is not valid: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
    fields,
  );
}
