import {
  ConversationListSchema,
  MessageSchema,
  SendTextRequestSchema,
  ThreadSchema,
} from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../auth';
import { getThread } from './conversations/get-thread';
import { listConversations } from './conversations/list-conversations';
import { markConversationRead } from './conversations/mark-conversation-read';
import type { InboxDeps } from './inbox.deps';
import { contentDisposition, getMediaFile } from './media/get-media-file';
import { sendTextMessage } from './messages/send-text-message';

export interface InboxRoutesOptions {
  deps: InboxDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): AuthContext;
}

export async function inboxRoutes(appIn: FastifyInstance, opts: InboxRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember, authOf } = opts;
  const tags = ['inbox'];
  const Id = z.object({ id: z.uuid() });

  app.get(
    '/api/conversations',
    {
      preHandler: requireMember,
      schema: {
        tags,
        querystring: z.object({ cursor: z.string().max(200).optional() }),
        response: { 200: ConversationListSchema },
      },
    },
    async (req) => listConversations(deps, authOf(req).workspaceId, req.query.cursor),
  );

  app.get(
    '/api/conversations/:id',
    {
      preHandler: requireMember,
      schema: {
        tags,
        params: Id,
        querystring: z.object({ before: z.string().max(200).optional() }),
        response: { 200: ThreadSchema },
      },
    },
    async (req) => getThread(deps, authOf(req).workspaceId, req.params.id, req.query.before),
  );

  app.post(
    '/api/conversations/:id/read',
    { preHandler: requireMember, schema: { tags, params: Id } },
    async (req, reply) => {
      await markConversationRead(deps, authOf(req).workspaceId, req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/conversations/:id/messages',
    {
      preHandler: requireMember,
      schema: { tags, params: Id, body: SendTextRequestSchema, response: { 202: MessageSchema } },
    },
    async (req, reply) => {
      const message = await sendTextMessage(deps, authOf(req), req.params.id, req.body.text);
      return reply.status(202).send(message);
    },
  );

  app.get(
    '/api/media/:id',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: "A customer's file (image, audio, video, document, sticker), once downloaded",
        params: z.object({ id: z.string().max(100) }),
      },
    },
    async (req, reply) => {
      const file = await getMediaFile(deps, authOf(req).workspaceId, req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(file.disposition, file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        .header('cache-control', 'private, max-age=86400')
        .send(file.stream);
    },
  );
}
