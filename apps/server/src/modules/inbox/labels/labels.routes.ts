import { ConversationSchema, LabelRequestSchema, LabelSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../../auth';
import type { InboxDeps } from '../inbox.deps';
import { setConversationLabel } from './conversation-labels';
import { createLabel, deleteLabel, listLabels, updateLabel } from './labels';

/**
 * Labels: every member reads and applies them, owners and admins define them. `guard` signs the
 * member in and checks they may see the conversation.
 */
export async function labelsRoutes(
  appIn: FastifyInstance,
  opts: {
    deps: InboxDeps;
    requireMember: preHandlerAsyncHookHandler;
    guard: preHandlerAsyncHookHandler[];
    authOf(request: unknown): AuthContext;
  },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember, guard, authOf } = opts;
  const tags = ['labels'];
  const Id = z.object({ id: z.uuid() });

  app.get(
    '/api/labels',
    {
      preHandler: requireMember,
      schema: { tags, response: { 200: z.object({ items: z.array(LabelSchema) }) } },
    },
    async (req) => ({ items: await listLabels(deps, authOf(req).workspaceId) }),
  );
  app.post(
    '/api/labels',
    {
      preHandler: requireMember,
      schema: { tags, body: LabelRequestSchema, response: { 201: LabelSchema } },
    },
    async (req, reply) => reply.status(201).send(await createLabel(deps, authOf(req), req.body)),
  );
  app.put(
    '/api/labels/:id',
    {
      preHandler: requireMember,
      schema: { tags, params: Id, body: LabelRequestSchema, response: { 200: LabelSchema } },
    },
    async (req) => updateLabel(deps, authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/labels/:id',
    { preHandler: requireMember, schema: { tags, params: Id } },
    async (req, reply) => {
      await deleteLabel(deps, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  const LabelOnConversation = z.object({ id: z.uuid(), labelId: z.uuid() });
  for (const [method, on] of [
    ['put', true],
    ['delete', false],
  ] as const)
    app[method](
      '/api/conversations/:id/labels/:labelId',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: on ? 'Put a label on the conversation' : 'Take a label off the conversation',
          params: LabelOnConversation,
          response: { 200: ConversationSchema },
        },
      },
      async (req) => setConversationLabel(deps, authOf(req), req.params.id, req.params.labelId, on),
    );
}
