import { PerformanceReportSchema, ReportQuerySchema, VolumeReportSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { getPerformanceReport } from './get-performance-report';
import { getVolumeReport } from './get-volume-report';
import { refreshReports, reportsRefreshedAt } from './refresh-reports';
import type { ReportsActor, ReportsDeps } from './reports.deps';

export interface ReportsRoutesOptions {
  deps: ReportsDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): ReportsActor;
}

/** Reports: agents see their own performance; owners and admins everyone's and the volume. */
export async function reportsRoutes(appIn: FastifyInstance, opts: ReportsRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const tags = ['reports'];
  const preHandler = opts.requireMember;

  app.get(
    '/api/reports/performance',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Agent and team performance over a period beside the one before: response and resolution times, volume handled, expired and missed conversations',
        querystring: ReportQuerySchema,
        response: { 200: PerformanceReportSchema },
      },
    },
    async (req) => getPerformanceReport(deps, opts.authOf(req), req.query),
  );

  app.get(
    '/api/reports/volume',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Messages and conversations per day, by hour of the week and by number; new and returning contacts',
        querystring: ReportQuerySchema,
        response: { 200: VolumeReportSchema },
      },
    },
    async (req) => getVolumeReport(deps, opts.authOf(req), req.query),
  );

  app.post(
    '/api/reports/refresh',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Brings the figures up to date now (they are brought up to date every minute); owners and admins',
        response: { 200: z.object({ refreshedAt: z.string().nullable() }) },
      },
    },
    async (req) => {
      const actor = opts.authOf(req);
      if (actor.role === 'agent')
        throw new AppError(
          'forbidden',
          'reports_admins_only',
          'Only owners and admins bring the reports up to date.',
        );
      await refreshReports(deps);
      return { refreshedAt: (await reportsRefreshedAt(deps))?.toISOString() ?? null };
    },
  );
}
