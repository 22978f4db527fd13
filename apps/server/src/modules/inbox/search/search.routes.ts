import { SearchQuerySchema, SearchResultsSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuthContext } from '../../auth';
import type { InboxDeps } from '../inbox.deps';
import { searchMessages } from './search-messages';

export async function searchRoutes(
  appIn: FastifyInstance,
  opts: { deps: InboxDeps; requireMember: preHandlerAsyncHookHandler; authOf(request: unknown): AuthContext },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/search',
    {
      preHandler: opts.requireMember,
      schema: {
        tags: ['inbox'],
        summary: 'Full-text search over messages (Spanish and English stemming), newest first',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultsSchema },
      },
    },
    async (req) => searchMessages(opts.deps, opts.authOf(req), req.query),
  );
}
