import {
  AssignConversationRequestSchema,
  ConversationListQuerySchema,
  ConversationListSchema,
  ConversationSchema,
  MessageSchema,
  ReactRequestSchema,
  SendMessageRequestSchema,
  StartConversationRequestSchema,
  StartedConversationSchema,
  ThreadSchema,
  UpdateConversationRequestSchema,
} from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { cannedRoutes } from './canned/canned.routes';
import { assignConversation } from './conversations/assign-conversation';
import { closeSandboxWindow } from './conversations/close-sandbox-window';
import {
  assertConversationVisible,
  assertMediaVisible,
  assertMessageVisible,
} from './conversations/conversation-access';
import { getThread } from './conversations/get-thread';
import { listConversations } from './conversations/list-conversations';
import { markConversationRead } from './conversations/mark-conversation-read';
import { startConversation } from './conversations/start-conversation';
import { updateConversation } from './conversations/update-conversation';
import { customersRoutes } from './customers/customers.routes';
import type { InboxDeps } from './inbox.deps';
import { labelsRoutes } from './labels/labels.routes';
import { mediaUploadRoutes } from './media/media-upload.routes';
import { replyWithMediaFile } from './media/reply-with-media-file';
import { reactToMessage } from './messages/react-to-message';
import { sendMessage } from './messages/send-message';
import { notesRoutes } from './notes/notes.routes';
import { searchRoutes } from './search/search.routes';
import { viewsRoutes } from './views/views.routes';

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

  // Every route about one conversation (or its messages and files) first checks the member may
  // see it: 404 outside the workspace, 403 when the workspace hides it from this agent.
  const idOf = (req: unknown) => (req as { params: { id: string } }).params.id;
  const seeConversation: preHandlerAsyncHookHandler = async (req) =>
    assertConversationVisible(deps, authOf(req), idOf(req));
  const seeMessage: preHandlerAsyncHookHandler = async (req) =>
    assertMessageVisible(deps, authOf(req), idOf(req));
  const seeMedia: preHandlerAsyncHookHandler = async (req) =>
    assertMediaVisible(deps, authOf(req), idOf(req));
  const memberWho = (check: preHandlerAsyncHookHandler) => [requireMember, check];

  app.get(
    '/api/conversations',
    {
      preHandler: requireMember,
      schema: {
        tags,
        querystring: ConversationListQuerySchema,
        response: { 200: ConversationListSchema },
      },
    },
    async (req) => {
      const { cursor, ...filters } = req.query;
      return listConversations(deps, authOf(req), cursor, filters);
    },
  );

  app.post(
    '/api/conversations',
    {
      // Whether a reused conversation is hidden from an agent is checked by the use case.
      preHandler: requireMember,
      schema: {
        tags,
        summary:
          'Start a conversation: an approved template to a contact or a typed phone number, from one of the numbers; the contact and the conversation are found or created',
        body: StartConversationRequestSchema,
        response: { 202: StartedConversationSchema },
      },
    },
    async (req, reply) => reply.status(202).send(await startConversation(deps, authOf(req), req.body)),
  );

  app.get(
    '/api/conversations/:id',
    {
      preHandler: memberWho(seeConversation),
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
    { preHandler: memberWho(seeConversation), schema: { tags, params: Id } },
    async (req, reply) => {
      await markConversationRead(deps, authOf(req).workspaceId, req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/conversations/:id/messages',
    {
      // The send checks who may see the conversation in the same query as its window (hot path).
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
    '/api/conversations/:id/close-window',
    {
      preHandler: memberWho(seeConversation),
      schema: {
        tags,
        summary:
          "Sandbox numbers only: close the customer's 24-hour window now (here and in the simulator), to try template-only replies; 409 for a real number",
        params: Id,
        response: { 200: ConversationSchema },
      },
    },
    async (req) => closeSandboxWindow(deps, authOf(req).workspaceId, req.params.id),
  );

  app.post(
    '/api/messages/:id/reaction',
    {
      preHandler: memberWho(seeMessage),
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

  app.patch(
    '/api/conversations/:id',
    {
      preHandler: memberWho(seeConversation),
      schema: {
        tags,
        summary: 'Change the status (open, pending, resolved, snoozed until a time) or the priority',
        params: Id,
        body: UpdateConversationRequestSchema,
        response: { 200: ConversationSchema },
      },
    },
    async (req) => updateConversation(deps, authOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/conversations/:id/assign',
    {
      preHandler: memberWho(seeConversation),
      schema: {
        tags,
        summary: 'Assign or transfer (with a note) to a member and/or a team; null unassigns',
        params: Id,
        body: AssignConversationRequestSchema,
        response: { 200: ConversationSchema },
      },
    },
    async (req) => assignConversation(deps, authOf(req), req.params.id, req.body),
  );

  // The upload route's guard also checks the conversation is visible to the member.
  const requireMemberWhoSees: preHandlerAsyncHookHandler = async function (this: unknown, req, reply) {
    await requireMember.call(this as never, req, reply);
    await seeConversation.call(this as never, req, reply);
  };
  // Workspace and number files (header samples, automatic messages' files): who manages templates and automation.
  const requireManager: preHandlerAsyncHookHandler = async function (this: unknown, req, reply) {
    await requireMember.call(this as never, req, reply);
    if (authOf(req).role === 'agent') {
      throw new AppError(
        'forbidden',
        'forbidden',
        'Only the owner or an admin can upload header samples and automatic messages’ files, as only they manage templates and automation.',
      );
    }
  };
  await app.register(mediaUploadRoutes, {
    deps,
    requireMember: requireMemberWhoSees,
    requireManager,
    authOf,
  });

  await app.register(searchRoutes, { deps, requireMember, authOf });
  await app.register(customersRoutes, { deps, requireMember, authOf });
  await app.register(notesRoutes, { deps, guard: memberWho(seeConversation), authOf });
  await app.register(cannedRoutes, { deps, requireMember, authOf });
  await app.register(labelsRoutes, { deps, requireMember, guard: memberWho(seeConversation), authOf });
  await app.register(viewsRoutes, { deps, requireMember, authOf });

  app.get(
    '/api/media/:id',
    {
      preHandler: memberWho(seeMedia),
      schema: {
        tags,
        summary:
          "A stored file: a message's (a customer's once downloaded, or one an agent attached) or the workspace's (a header sample); answers Range requests",
        params: z.object({ id: z.string().max(100) }),
      },
    },
    async (req, reply) =>
      replyWithMediaFile(reply, deps, authOf(req).workspaceId, req.params.id, req.headers.range),
  );
}
