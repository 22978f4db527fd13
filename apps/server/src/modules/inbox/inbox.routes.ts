import {
  ConversationListSchema,
  MessageSchema,
  ReactRequestSchema,
  SendMessageRequestSchema,
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
import {
  contentDisposition,
  getMediaFile,
  type MediaFile,
  RangeNotSatisfiable,
} from './media/get-media-file';
import { mediaUploadRoutes } from './media/media-upload.routes';
import { reactToMessage } from './messages/react-to-message';
import { sendMessage } from './messages/send-message';

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
      schema: {
        tags,
        summary: 'Send text, a file, a location, contacts, or buttons/list (inside the 24-hour window)',
        params: Id,
        body: SendMessageRequestSchema,
        response: { 202: MessageSchema },
      },
    },
    async (req, reply) => {
      const message = await sendMessage(deps, authOf(req), req.params.id, req.body);
      return reply.status(202).send(message);
    },
  );

  app.post(
    '/api/messages/:id/reaction',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: 'React to a message with an emoji (an empty emoji removes the reaction)',
        params: Id,
        body: ReactRequestSchema,
      },
    },
    async (req, reply) => {
      await reactToMessage(deps, authOf(req), req.params.id, req.body.emoji);
      return reply.status(202).send();
    },
  );

  await app.register(mediaUploadRoutes, { deps, requireMember, authOf });

  app.get(
    '/api/media/:id',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary:
          "A message file (a customer's once downloaded, or one an agent attached); answers Range requests",
        params: z.object({ id: z.string().max(100) }),
      },
    },
    async (req, reply) => {
      let file: MediaFile;
      try {
        file = await getMediaFile(deps, authOf(req).workspaceId, req.params.id, req.headers.range);
      } catch (err) {
        if (err instanceof RangeNotSatisfiable) reply.header('content-range', `bytes */${err.size}`);
        throw err;
      }
      if (file.range) {
        reply
          .status(206)
          .header('content-range', `bytes ${file.range.start}-${file.range.end}/${file.size}`)
          .header('content-length', String(file.range.end - file.range.start + 1));
      } else {
        reply.header('content-length', String(file.size));
      }
      return reply
        .header('content-type', file.contentType)
        .header('accept-ranges', 'bytes')
        .header('content-disposition', contentDisposition(file.disposition, file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        .header('cache-control', 'private, max-age=86400')
        .send(file.stream);
    },
  );
}
