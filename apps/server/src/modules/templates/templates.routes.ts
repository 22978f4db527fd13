import { TemplateDraftSchema, TemplateSchema, TemplateStatusSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../auth';
import { createTemplate } from './create-template';
import { deleteTemplate } from './delete-template';
import { getTemplate, listTemplates } from './list-templates';
import { syncTemplates } from './sync-templates';
import { assertCanManage, assertOwnWaba } from './template-access';
import type { TemplatesDeps } from './templates.ports';
import { submitTemplate, updateTemplate } from './update-template';

const TemplateListSchema = z.object({ items: z.array(TemplateSchema) });
const CreateTemplateRequestSchema = z.object({
  wabaId: z.string().min(1),
  draft: TemplateDraftSchema,
  /** false keeps it as a draft in Charla; true submits it to Meta for review. */
  submit: z.boolean().default(false),
});
const UpdateTemplateRequestSchema = z.object({
  draft: TemplateDraftSchema,
  submit: z.boolean().default(false),
});
const SyncRequestSchema = z.object({ wabaId: z.string().min(1) });

/** WhatsApp message templates: every member reads them, the owner and admins manage them. */
export async function templatesRoutes(
  appIn: FastifyInstance,
  opts: {
    deps: TemplatesDeps;
    requireMember: preHandlerAsyncHookHandler;
    authOf(request: unknown): AuthContext;
  },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember, authOf } = opts;
  const tags = ['templates'];
  const Id = z.object({ id: z.uuid() });

  app.get(
    '/api/templates',
    {
      preHandler: requireMember,
      schema: {
        tags,
        querystring: z.object({ wabaId: z.string().optional(), status: TemplateStatusSchema.optional() }),
        response: { 200: TemplateListSchema },
      },
    },
    async (req) => ({ items: await listTemplates(deps, authOf(req).workspaceId, req.query) }),
  );
  app.get(
    '/api/templates/:id',
    { preHandler: requireMember, schema: { tags, params: Id, response: { 200: TemplateSchema } } },
    async (req) => getTemplate(deps, authOf(req).workspaceId, req.params.id),
  );
  app.post(
    '/api/templates',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: 'Save a template as a draft, or submit it to Meta for review (`submit: true`)',
        body: CreateTemplateRequestSchema,
        response: { 201: TemplateSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createTemplate(deps, authOf(req), req.body)),
  );
  app.put(
    '/api/templates/:id',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: 'Edit a draft, or an approved/rejected/paused template at Meta (sent back to review)',
        params: Id,
        body: UpdateTemplateRequestSchema,
        response: { 200: TemplateSchema },
      },
    },
    async (req) => updateTemplate(deps, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/templates/:id/submit',
    { preHandler: requireMember, schema: { tags, params: Id, response: { 200: TemplateSchema } } },
    async (req) => submitTemplate(deps, authOf(req), req.params.id),
  );
  app.delete(
    '/api/templates/:id',
    { preHandler: requireMember, schema: { tags, params: Id } },
    async (req, reply) => {
      await deleteTemplate(deps, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/templates/sync',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: "Reconcile with Meta's list now (also runs every 15 minutes)",
        body: SyncRequestSchema,
        response: { 200: TemplateListSchema },
      },
    },
    async (req) => {
      const actor = authOf(req);
      assertCanManage(actor);
      await assertOwnWaba(deps, actor.workspaceId, req.body.wabaId);
      await syncTemplates(deps, { workspaceId: actor.workspaceId, wabaId: req.body.wabaId });
      return { items: await listTemplates(deps, actor.workspaceId, { wabaId: req.body.wabaId }) };
    },
  );
}
