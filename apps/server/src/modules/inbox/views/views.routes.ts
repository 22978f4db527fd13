import {
  SavedViewKindSchema,
  SavedViewRequestSchema,
  SavedViewSchema,
  UpdateSavedViewRequestSchema,
} from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../../auth';
import type { InboxDeps } from '../inbox.deps';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './saved-views';

/** Saved views of the inbox and the contacts page: personal, or shared by an owner or admin. */
export async function viewsRoutes(
  appIn: FastifyInstance,
  opts: { deps: InboxDeps; requireMember: preHandlerAsyncHookHandler; authOf(request: unknown): AuthContext },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember, authOf } = opts;
  const tags = ['views'];
  const Id = z.object({ id: z.uuid() });

  app.get(
    '/api/views',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: 'The shared views and the caller’s own, of one kind',
        querystring: z.object({ kind: SavedViewKindSchema }),
        response: { 200: z.object({ items: z.array(SavedViewSchema) }) },
      },
    },
    async (req) => ({ items: await listSavedViews(deps, authOf(req), req.query.kind) }),
  );
  app.post(
    '/api/views',
    {
      preHandler: requireMember,
      schema: { tags, body: SavedViewRequestSchema, response: { 201: SavedViewSchema } },
    },
    async (req, reply) => reply.status(201).send(await createSavedView(deps, authOf(req), req.body)),
  );
  app.put(
    '/api/views/:id',
    {
      preHandler: requireMember,
      schema: { tags, params: Id, body: UpdateSavedViewRequestSchema, response: { 200: SavedViewSchema } },
    },
    async (req) => updateSavedView(deps, authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/views/:id',
    { preHandler: requireMember, schema: { tags, params: Id } },
    async (req, reply) => {
      await deleteSavedView(deps, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
