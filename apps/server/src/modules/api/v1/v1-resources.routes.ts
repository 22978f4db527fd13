import {
  apiPage,
  ContactSchema,
  ConversationFiltersSchema,
  ConversationSchema,
  OptInStateSchema,
  TemplateSchema,
  TemplateStatusSchema,
  ThreadSchema,
} from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listContacts, normaliseContactFilters } from '../../contacts';
import { getThread, listConversations, workspaceViewer } from '../../inbox';
import { getTemplate, listTemplates } from '../../templates';
import type { ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { keyedRouteOptions } from './keyed-route';

/**
 * Reading contacts, conversations (with their messages) and templates with a key: the same use
 * cases the web app calls, answered as `{ data, nextCursor }` pages.
 */
export async function v1ResourcesRoutes(appIn: FastifyInstance, opts: { deps: ApiDeps; perMinute: number }) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const keyed = keyedRouteOptions(createApiKeyGuard(deps), opts.perMinute);
  const Id = z.object({ id: z.uuid() });

  app.get(
    '/api/v1/contacts',
    keyed('contacts:read', 'contacts', {
      summary: 'Contacts, newest first, 50 a page; q searches name and phone; tag (repeated: any of); optIn',
      querystring: z.object({
        q: z.string().max(200).optional(),
        tag: z.union([z.string().max(50), z.array(z.string().max(50)).max(50)]).optional(),
        optIn: OptInStateSchema.optional(),
        cursor: z.string().max(200).optional(),
      }),
      response: { 200: apiPage(ContactSchema) },
    }),
    async (req) => {
      const { workspaceId } = callerOf(req);
      const { q, tag, optIn, cursor } = req.query;
      const filters = await normaliseContactFilters(deps.inbox, workspaceId, {
        q,
        tags: tag === undefined ? undefined : [tag].flat(),
        optIn,
      });
      const page = await listContacts(deps, workspaceId, { filters, ...(cursor ? { cursor } : {}) });
      return { data: page.items, nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/conversations',
    keyed('conversations:read', 'conversations', {
      summary:
        'Conversations, most recent activity first; filters: status, channel, window, unread, assignee, team, label',
      querystring: ConversationFiltersSchema.extend({ cursor: z.string().max(200).optional() }),
      response: { 200: apiPage(ConversationSchema) },
    }),
    async (req) => {
      const { workspaceId } = callerOf(req);
      const { cursor, ...filters } = req.query;
      const page = await listConversations(deps.inbox, workspaceViewer(workspaceId), cursor, filters);
      return { data: page.items, nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/conversations/:id',
    keyed('conversations:read', 'conversations', {
      summary: 'A conversation with its newest messages; `before` (a cursor the answer gives) pages back',
      params: Id,
      querystring: z.object({ before: z.string().max(200).optional() }),
      response: { 200: ThreadSchema },
    }),
    async (req) => getThread(deps.inbox, callerOf(req).workspaceId, req.params.id, req.query.before),
  );

  app.get(
    '/api/v1/templates',
    keyed('templates:read', 'templates', {
      summary: "The workspace's message templates and their review status",
      querystring: z.object({ status: TemplateStatusSchema.optional() }),
      response: { 200: apiPage(TemplateSchema) },
    }),
    async (req) => ({
      data: await listTemplates(deps, callerOf(req).workspaceId, { status: req.query.status }),
      nextCursor: null,
    }),
  );

  app.get(
    '/api/v1/templates/:id',
    keyed('templates:read', 'templates', {
      summary: 'One template: its components, variables and status',
      params: Id,
      response: { 200: TemplateSchema },
    }),
    async (req) => getTemplate(deps, callerOf(req).workspaceId, req.params.id),
  );
}
