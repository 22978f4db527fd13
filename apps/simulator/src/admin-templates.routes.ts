import { TEMPLATE_QUALITY_SCORES } from '@charla/cloud-api';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Sandbox } from './sandbox';
import type { SendsLog } from './sends-log';
import { ADMIN_TEMPLATE_EVENTS, type AdminTemplateEvent, type TemplateRegistry } from './template-registry';

export const TemplateStatusBodySchema = z.strictObject({
  event: z.enum(Object.keys(ADMIN_TEMPLATE_EVENTS) as [AdminTemplateEvent, ...AdminTemplateEvent[]]),
  /** REJECTED: the rejection reason (§4.4), e.g. SCAM. */
  reason: z.string().min(1).optional(),
  /** PAUSED: FIRST_PAUSE, SECOND_PAUSE, RATE_LIMITING_PAUSE… (`other_info.title`). */
  title: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
});
export type TemplateStatusBody = z.infer<typeof TemplateStatusBodySchema>;

export const TemplateQualityBodySchema = z.strictObject({ score: z.enum(TEMPLATE_QUALITY_SCORES) });
export const MarketingBodySchema = z.strictObject({ stopped: z.boolean() });

/** Operator controls over templates, opt-outs and the accepted-sends log (the sandbox's API, not Meta's). */
export async function registerAdminTemplateRoutes(
  app: FastifyInstance,
  deps: { sandbox: Sandbox; templates: TemplateRegistry; sendsLog: SendsLog },
) {
  const { sandbox, templates, sendsLog } = deps;

  app.get<{ Params: { wabaId: string } }>('/_sim/wabas/:wabaId/templates', async (request) => ({
    items: templates.list(request.params.wabaId),
  }));

  app.post<{ Params: { templateId: string } }>(
    '/_sim/templates/:templateId/status',
    async (request, reply) => {
      const body = TemplateStatusBodySchema.safeParse(request.body);
      if (!body.success) return badRequest(reply, z.prettifyError(body.error));
      if (!templates.find(request.params.templateId))
        return unknownTemplate(reply, request.params.templateId);
      return { template: applyTemplateStatus(templates, request.params.templateId, body.data) };
    },
  );

  app.post<{ Params: { templateId: string } }>(
    '/_sim/templates/:templateId/quality',
    async (request, reply) => {
      const body = TemplateQualityBodySchema.safeParse(request.body);
      if (!body.success) return badRequest(reply, z.prettifyError(body.error));
      if (!templates.find(request.params.templateId))
        return unknownTemplate(reply, request.params.templateId);
      return { template: templates.setQuality(request.params.templateId, body.data.score) };
    },
  );

  app.post<{ Params: { templateId: string } }>(
    '/_sim/templates/:templateId/review',
    async (request, reply) => {
      const template = templates.review(request.params.templateId);
      return template ? { template } : unknownTemplate(reply, request.params.templateId);
    },
  );

  app.put<{ Params: { phoneNumberId: string; waId: string } }>(
    '/_sim/numbers/:phoneNumberId/customers/:waId/marketing',
    async (request, reply) => {
      const { phoneNumberId, waId } = request.params;
      if (!sandbox.findNumber(phoneNumberId)) {
        return reply
          .code(404)
          .send({ error: { code: 'unknown_number', message: `No simulated number ${phoneNumberId}` } });
      }
      if (!/^\d{7,15}$/.test(waId)) return badRequest(reply, 'waId must be 7-15 digits');
      const body = MarketingBodySchema.safeParse(request.body);
      if (!body.success) return badRequest(reply, z.prettifyError(body.error));
      const customer = sandbox.setMarketingOptOut(phoneNumberId, waId, body.data.stopped);
      return { waId: customer.waId, marketingStopped: customer.marketingStopped };
    },
  );

  app.get<{ Querystring: { phoneNumberId?: string; sinceMs?: string } }>(
    '/_sim/accepted-sends',
    async (request) => {
      const since = request.query.sinceMs === undefined ? undefined : Number(request.query.sinceMs);
      return {
        items: sendsLog.accepted({
          phoneNumberId: request.query.phoneNumberId,
          sinceMs: Number.isFinite(since) ? since : undefined,
        }),
      };
    },
  );
}

export function applyTemplateStatus(
  templates: TemplateRegistry,
  templateId: string,
  body: TemplateStatusBody,
) {
  return templates.setStatus(templateId, body.event, {
    ...(body.reason !== undefined && { reason: body.reason }),
    ...(body.title !== undefined && {
      otherInfo: {
        title: body.title,
        ...(body.description !== undefined && { description: body.description }),
      },
    }),
  });
}

function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).send({ error: { code: 'invalid_request', message } });
}

function unknownTemplate(reply: FastifyReply, templateId: string) {
  return reply
    .code(404)
    .send({ error: { code: 'unknown_template', message: `No simulated template ${templateId}` } });
}
