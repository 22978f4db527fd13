import { AutomationReportSchema, CampaignsReportSchema, ReportQuerySchema } from '@charla/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getAutomationReport } from './get-automation-report';
import { getCampaignsReport } from './get-campaigns-report';
import type { ReportsRoutesOptions } from './reports-routes-options';

/** Reports on broadcasts, templates and automation: owners and admins. */
export async function insightsRoutes(appIn: FastifyInstance, opts: ReportsRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  const preHandler = opts.requireMember;

  app.get(
    '/api/reports/campaigns',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Broadcasts started in a period and every template sent in it: sent, delivered, read, replied, failed by reason, opted out; best and worst templates by read and reply rate; sends and reads per day',
        querystring: ReportQuerySchema,
        response: { 200: CampaignsReportSchema },
      },
    },
    async (req) => getCampaignsReport(opts.deps, opts.authOf(req), req.query),
  );

  app.get(
    '/api/reports/automation',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Rules fired, bot sessions by outcome with a funnel of each flow’s steps, and sequence enrolments by outcome, over a period',
        querystring: ReportQuerySchema,
        response: { 200: AutomationReportSchema },
      },
    },
    async (req) => getAutomationReport(opts.deps, opts.authOf(req), req.query),
  );
}
