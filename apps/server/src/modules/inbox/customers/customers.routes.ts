import {
  ContactMergePreviewSchema,
  ContactProfileSchema,
  MergeContactsRequestSchema,
} from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../../auth';
import type { InboxDeps } from '../inbox.deps';
import { getContact } from './get-contact';
import { mergeContacts, previewContactMerge } from './merge-contacts';

/** A contact with their conversations, and merging two contacts (which moves conversations). */
export async function customersRoutes(
  appIn: FastifyInstance,
  opts: { deps: InboxDeps; requireMember: preHandlerAsyncHookHandler; authOf(request: unknown): AuthContext },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember, authOf } = opts;
  const tags = ['contacts'];
  const Id = z.object({ id: z.uuid() });

  app.get(
    '/api/contacts/:id',
    { preHandler: requireMember, schema: { tags, params: Id, response: { 200: ContactProfileSchema } } },
    async (req) => getContact(deps, authOf(req), req.params.id),
  );

  app.get(
    '/api/contacts/:id/merge-preview',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: 'What merging contact sourceId into this one keeps',
        params: Id,
        querystring: MergeContactsRequestSchema,
        response: { 200: ContactMergePreviewSchema },
      },
    },
    async (req) => previewContactMerge(deps, authOf(req), req.params.id, req.query.sourceId),
  );

  app.post(
    '/api/contacts/:id/merge',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary:
          'Merge contact sourceId into this one: its conversations and messages move here, it is deleted',
        params: Id,
        body: MergeContactsRequestSchema,
        response: { 200: ContactProfileSchema },
      },
    },
    async (req) => mergeContacts(deps, authOf(req), req.params.id, req.body.sourceId),
  );
}
