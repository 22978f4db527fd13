import {
  CsatReportSchema,
  PerformanceReportSchema,
  ReportQuerySchema,
  SetSlaTargetRequestSchema,
  SlaReportSchema,
  SlaTargetSchema,
  VolumeReportSchema,
} from '@charla/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCsatReport } from './get-csat-report';
import { getPerformanceReport } from './get-performance-report';
import { getVolumeReport } from './get-volume-report';
import { insightsRoutes } from './insights.routes';
import { refreshReportsNow } from './refresh-reports';
import type { ReportsRoutesOptions } from './reports-routes-options';
import { getSlaReport, getSlaTargets, setSlaTarget } from './sla';

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
    async (req) => refreshReportsNow(deps, opts.authOf(req)),
  );

  app.get(
    '/api/reports/sla-targets',
    {
      preHandler,
      schema: {
        tags,
        summary:
          "SLA targets: the workspace's and each team's (null where a team has none of its own); owners and admins",
        response: { 200: z.array(SlaTargetSchema) },
      },
    },
    async (req) => getSlaTargets(deps, opts.authOf(req)),
  );

  app.put(
    '/api/reports/sla-targets',
    {
      preHandler,
      schema: {
        tags,
        summary:
          "Sets the workspace's (teamId null) or a team's SLA targets in minutes of business time; both null removes them",
        body: SetSlaTargetRequestSchema,
        response: { 200: z.array(SlaTargetSchema) },
      },
    },
    async (req) => setSlaTarget(deps, opts.authOf(req), req.body),
  );

  app.get(
    '/api/reports/sla',
    {
      preHandler,
      schema: {
        tags,
        summary: 'How each team met its SLA targets over a period, and the open conversations at risk now',
        querystring: ReportQuerySchema,
        response: { 200: SlaReportSchema },
      },
    },
    async (req) => getSlaReport(deps, opts.authOf(req), req.query),
  );

  app.get(
    '/api/reports/csat',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Customer satisfaction: surveys asked on resolution, ratings 1-5 and comments, per agent and team, beside the period before',
        querystring: ReportQuerySchema,
        response: { 200: CsatReportSchema },
      },
    },
    async (req) => getCsatReport(deps, opts.authOf(req), req.query),
  );

  await app.register(insightsRoutes, opts);
}
