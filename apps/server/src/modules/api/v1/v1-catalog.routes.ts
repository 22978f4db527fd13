import { ApiCreateTemplateRequestSchema, TemplateSchema } from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createTemplate, deleteTemplate } from '../../templates';
import type { ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { templateAccountOf } from './api-template-account';
import { keyedRouteOptions } from './keyed-route';
import { IdempotencyHeader, IdParams, idempotentReplyOf, keyActor } from './v1-route-kit';

/**
 * Templates and files with a key: a template made and submitted to WhatsApp's review, or deleted,
 * through the same use cases as Settings › Templates.
 */
export async function v1CatalogRoutes(appIn: FastifyInstance, opts: { deps: ApiDeps; perMinute: number }) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const keyed = keyedRouteOptions(createApiKeyGuard(deps), opts.perMinute);
  const idempotentReply = idempotentReplyOf(deps);

  app.post(
    '/api/v1/templates',
    keyed('templates:write', 'templates', {
      summary: "Make a template and submit it to WhatsApp's review",
      description:
        "Checked against WhatsApp's rules first (422 invalid_template names every field at fault). It answers `pending`; the status turns `approved` or `rejected` (with Meta's reason) when WhatsApp reviews it, as GET /api/v1/templates/{id} shows. A name already used in that language is 409 template_exists.",
      headers: IdempotencyHeader,
      body: ApiCreateTemplateRequestSchema,
      response: { 201: TemplateSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => {
        const caller = callerOf(req);
        const { channel, ...draft } = req.body;
        const wabaId = await templateAccountOf(deps, caller, channel);
        return {
          status: 201,
          body: await createTemplate(deps.templates, keyActor(caller), { wabaId, draft, submit: true }),
        };
      }),
  );

  app.delete(
    '/api/v1/templates/:id',
    keyed('templates:write', 'templates', {
      summary: 'Delete a template (this language), in Charla and at WhatsApp',
      description:
        'A disabled template cannot be deleted (409 template_not_deletable). WhatsApp does not let an approved name be used again for 30 days.',
      params: IdParams,
      response: { 204: z.null().meta({ description: 'Deleted' }) },
    }),
    async (req, reply) => {
      await deleteTemplate(deps.templates, keyActor(callerOf(req)), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
