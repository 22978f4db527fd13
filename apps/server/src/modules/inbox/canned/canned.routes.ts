import {
  CannedResponseListSchema,
  CannedResponseRequestSchema,
  CannedResponseSchema,
} from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../../auth';
import type { InboxDeps } from '../inbox.deps';
import {
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  updateCannedResponse,
} from './canned-responses';

/** Canned responses: every member reads them, the owner and admins manage them. */
export async function cannedRoutes(
  appIn: FastifyInstance,
  opts: { deps: InboxDeps; requireMember: preHandlerAsyncHookHandler; authOf(request: unknown): AuthContext },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember, authOf } = opts;
  const tags = ['canned responses'];
  const Id = z.object({ id: z.uuid() });

  app.get(
    '/api/canned-responses',
    { preHandler: requireMember, schema: { tags, response: { 200: CannedResponseListSchema } } },
    async (req) => ({ items: await listCannedResponses(deps, authOf(req).workspaceId) }),
  );
  app.post(
    '/api/canned-responses',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary:
          'Save a response; `{{contact.name}}`, `{{contact.first_name}}` (first word of the name), `{{contact.phone}}`, `{{agent.name}}`, `{{workspace.name}}` are filled when inserted',
        body: CannedResponseRequestSchema,
        response: { 201: CannedResponseSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createCannedResponse(deps, authOf(req), req.body)),
  );
  app.put(
    '/api/canned-responses/:id',
    {
      preHandler: requireMember,
      schema: {
        tags,
        params: Id,
        body: CannedResponseRequestSchema,
        response: { 200: CannedResponseSchema },
      },
    },
    async (req) => updateCannedResponse(deps, authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/canned-responses/:id',
    { preHandler: requireMember, schema: { tags, params: Id } },
    async (req, reply) => {
      await deleteCannedResponse(deps, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
