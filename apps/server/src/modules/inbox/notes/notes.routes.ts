import { CreateNoteRequestSchema, NoteSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../../auth';
import type { InboxDeps } from '../inbox.deps';
import { createNote } from './create-note';

/** Internal notes; `guard` signs the member in and checks they may see the conversation. */
export async function notesRoutes(
  appIn: FastifyInstance,
  opts: { deps: InboxDeps; guard: preHandlerAsyncHookHandler[]; authOf(request: unknown): AuthContext },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, guard, authOf } = opts;
  app.post(
    '/api/conversations/:id/notes',
    {
      preHandler: guard,
      schema: {
        tags: ['inbox'],
        summary: 'Add an internal note (only the team sees it; `@Name` mentions a member)',
        params: z.object({ id: z.uuid() }),
        body: CreateNoteRequestSchema,
        response: { 201: NoteSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createNote(deps, authOf(req), req.params.id, req.body.body)),
  );
}
