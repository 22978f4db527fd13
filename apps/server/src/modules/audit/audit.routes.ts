import { Readable } from 'node:stream';
import { AuditFiltersSchema, AuditListSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { AuditDeps, AuditReader } from './audit.deps';
import { exportAuditLog } from './export-audit-log';
import { listAuditLog } from './list-audit-log';

export interface AuditRoutesOptions {
  deps: AuditDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): AuditReader;
}

/**
 * The audit log is the owner's: it records what admins do (roles, removals, settings, exports)
 * and everyone's sign-in addresses, so admins and agents get 403.
 */
export async function auditRoutes(appIn: FastifyInstance, opts: AuditRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const tags = ['audit'];

  const asOwner = (req: unknown): AuditReader => {
    const auth = opts.authOf(req);
    if (auth.role !== 'owner')
      throw new AppError(
        'forbidden',
        'forbidden',
        'Only the owner can read the activity log. Ask the owner of this workspace.',
      );
    return auth;
  };

  app.get(
    '/api/audit-log',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary:
          'The activity log, newest first, 50 a page; filters: action (repeated), memberId, from (inclusive), to (exclusive)',
        querystring: AuditFiltersSchema.extend({ cursor: z.string().max(200).optional() }),
        response: { 200: AuditListSchema },
      },
    },
    async (req) => listAuditLog(deps, asOwner(req).workspaceId, req.query),
  );

  app.get(
    '/api/audit-log/export',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'Every line the filters keep, as CSV (UTF-8 with BOM); recorded as audit.exported',
        querystring: AuditFiltersSchema,
      },
    },
    async (req, reply) => {
      const lines = await exportAuditLog(deps, asOwner(req), req.query, req.ip);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="activity-log.csv"')
        .header('cache-control', 'no-store')
        .send(Readable.from(lines));
    },
  );
}
