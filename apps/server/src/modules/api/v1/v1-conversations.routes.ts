import {
  ApiAddLabelRequestSchema,
  ApiConversationStatusRequestSchema,
  AssignConversationRequestSchema,
  apiPage,
  ConversationSchema,
  CreateNoteRequestSchema,
  MessageSchema,
  NoteSchema,
} from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignConversation,
  createNote,
  getThread,
  setConversationLabel,
  updateConversation,
} from '../../inbox';
import type { ApiCaller, ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { keyedRouteOptions } from './keyed-route';
import { IdempotencyHeader, IdParams, idempotentReplyOf } from './v1-route-kit';

/** A key acts in the inbox with no user: the history, notes and web app name it ("API key «name»"). */
const keyActing = (caller: ApiCaller) => ({
  workspaceId: caller.workspaceId,
  userId: null,
  automatedBy: { kind: 'api' as const, id: caller.keyId, name: caller.keyName },
});

/**
 * Working conversations with a key: assign, change the status, write internal notes, put labels
 * on and off, and read the messages page by page. Each calls the inbox's use case, as the web app
 * does; a conversation of another workspace is 404.
 */
export async function v1ConversationsRoutes(
  appIn: FastifyInstance,
  opts: { deps: ApiDeps; perMinute: number },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const keyed = keyedRouteOptions(createApiKeyGuard(deps), opts.perMinute);
  const idempotentReply = idempotentReplyOf(deps);

  app.post(
    '/api/v1/conversations/:id/assign',
    keyed('conversations:write', 'conversations', {
      summary: 'Assign to a member and/or a team; null unassigns, a field left out stays',
      description:
        'The change is kept in the history with the key as who made it (`automatedBy`), and the conversation moves in the inbox at once. 422 assignee_not_member / team_not_found.',
      headers: IdempotencyHeader,
      params: IdParams,
      body: AssignConversationRequestSchema,
      response: { 200: ConversationSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => ({
        status: 200,
        body: await assignConversation(deps.inbox, keyActing(callerOf(req)), req.params.id, req.body),
      })),
  );

  app.post(
    '/api/v1/conversations/:id/status',
    keyed('conversations:write', 'conversations', {
      summary: 'Open, pending, resolved, or snoozed until a time (it reopens itself then)',
      headers: IdempotencyHeader,
      params: IdParams,
      body: ApiConversationStatusRequestSchema,
      response: { 200: ConversationSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => ({
        status: 200,
        body: await updateConversation(deps.inbox, keyActing(callerOf(req)), req.params.id, req.body),
      })),
  );

  app.post(
    '/api/v1/conversations/:id/notes',
    keyed('conversations:write', 'conversations', {
      summary: 'Write an internal note: only the team sees it, shown as written by the key',
      description: '`@Name` mentions a member, who is told as when a teammate mentions them.',
      headers: IdempotencyHeader,
      params: IdParams,
      body: CreateNoteRequestSchema,
      response: { 201: NoteSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => ({
        status: 201,
        body: await createNote(deps.inbox, keyActing(callerOf(req)), req.params.id, req.body.body),
      })),
  );

  app.post(
    '/api/v1/conversations/:id/labels',
    keyed('conversations:write', 'conversations', {
      summary:
        'Put one of the workspace’s labels on the conversation (`labelId`, as in `labels` of a conversation)',
      headers: IdempotencyHeader,
      params: IdParams,
      body: ApiAddLabelRequestSchema,
      response: { 200: ConversationSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => ({
        status: 200,
        body: await setConversationLabel(
          deps.inbox,
          keyActing(callerOf(req)),
          req.params.id,
          req.body.labelId,
          true,
        ),
      })),
  );

  app.delete(
    '/api/v1/conversations/:id/labels/:labelId',
    keyed('conversations:write', 'conversations', {
      summary: 'Take a label off the conversation',
      params: IdParams.extend({ labelId: z.uuid() }),
      response: { 200: ConversationSchema },
    }),
    async (req) =>
      setConversationLabel(deps.inbox, keyActing(callerOf(req)), req.params.id, req.params.labelId, false),
  );

  app.get(
    '/api/v1/conversations/:id/messages',
    keyed('conversations:read', 'conversations', {
      summary: 'The conversation’s messages, newest first, a page at a time (`cursor` from `nextCursor`)',
      params: IdParams,
      querystring: z.object({ cursor: z.string().max(200).optional() }),
      response: { 200: apiPage(MessageSchema) },
    }),
    async (req) => {
      const thread = await getThread(deps.inbox, callerOf(req).workspaceId, req.params.id, req.query.cursor);
      return { data: [...thread.messages].reverse(), nextCursor: thread.olderCursor };
    },
  );
}
