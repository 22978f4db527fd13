import {
  ApiErrorResponses,
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
import { getThread, listConversations } from '../../inbox';
import { getTemplate, listTemplates } from '../../templates';
import type { ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { perKeyRateLimit } from './per-key-rate-limit';
import { V1_TAG_PREFIX } from './v1-tags';

/** The API reads the whole workspace, as an admin does (no person: a view of nobody's own). */
const NO_PERSON = '00000000-0000-0000-0000-000000000000';

/**
 * Reading contacts, conversations (with their messages) and templates with a key: the same use
 * cases the web app calls, answered as `{ data, nextCursor }` pages.
 */
export async function v1ResourcesRoutes(appIn: FastifyInstance, opts: { deps: ApiDeps; perMinute: number }) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const guard = createApiKeyGuard(deps);
  const config = { rateLimit: perKeyRateLimit(opts.perMinute) };
  const security = [{ apiKey: [] }];
  const Id = z.object({ id: z.uuid() });

  app.get(
    '/api/v1/contacts',
    {
      onRequest: guard('contacts:read'),
      config,
      schema: {
        tags: [`${V1_TAG_PREFIX}contacts`],
        security,
        summary:
          'Contacts, newest first, 50 a page; q searches name and phone; tag (repeated: any of); optIn',
        querystring: z.object({
          q: z.string().max(200).optional(),
          tag: z.union([z.string().max(50), z.array(z.string().max(50)).max(50)]).optional(),
          optIn: OptInStateSchema.optional(),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: apiPage(ContactSchema), ...ApiErrorResponses },
      },
    },
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
    {
      onRequest: guard('conversations:read'),
      config,
      schema: {
        tags: [`${V1_TAG_PREFIX}conversations`],
        security,
        summary:
          'Conversations, most recent activity first; filters: status, channel, window, unread, assignee, team, label',
        querystring: ConversationFiltersSchema.extend({ cursor: z.string().max(200).optional() }),
        response: { 200: apiPage(ConversationSchema), ...ApiErrorResponses },
      },
    },
    async (req) => {
      const { workspaceId } = callerOf(req);
      const { cursor, ...filters } = req.query;
      const page = await listConversations(
        deps.inbox,
        { workspaceId, userId: NO_PERSON, role: 'admin' },
        cursor,
        filters,
      );
      return { data: page.items, nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/conversations/:id',
    {
      onRequest: guard('conversations:read'),
      config,
      schema: {
        tags: [`${V1_TAG_PREFIX}conversations`],
        security,
        summary: 'A conversation with its newest messages; `before` (a cursor the answer gives) pages back',
        params: Id,
        querystring: z.object({ before: z.string().max(200).optional() }),
        response: { 200: ThreadSchema, ...ApiErrorResponses },
      },
    },
    async (req) => getThread(deps.inbox, callerOf(req).workspaceId, req.params.id, req.query.before),
  );

  app.get(
    '/api/v1/templates',
    {
      onRequest: guard('templates:read'),
      config,
      schema: {
        tags: [`${V1_TAG_PREFIX}templates`],
        security,
        summary: "The workspace's message templates and their review status",
        querystring: z.object({ status: TemplateStatusSchema.optional() }),
        response: { 200: apiPage(TemplateSchema), ...ApiErrorResponses },
      },
    },
    async (req) => ({
      data: await listTemplates(deps, callerOf(req).workspaceId, { status: req.query.status }),
      nextCursor: null,
    }),
  );

  app.get(
    '/api/v1/templates/:id',
    {
      onRequest: guard('templates:read'),
      config,
      schema: {
        tags: [`${V1_TAG_PREFIX}templates`],
        security,
        summary: 'One template: its components, variables and status',
        params: Id,
        response: { 200: TemplateSchema, ...ApiErrorResponses },
      },
    },
    async (req) => getTemplate(deps, callerOf(req).workspaceId, req.params.id),
  );
}
