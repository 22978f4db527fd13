import {
  ApiCreateBroadcastRequestSchema,
  apiPage,
  BroadcastRecipientSchema,
  BroadcastRecipientsQuerySchema,
  BroadcastSchema,
} from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  type BroadcastAction,
  changeBroadcastStatus,
  createBroadcast,
  getBroadcast,
  listBroadcasts,
  listRecipients,
} from '../../broadcasts';
import type { ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { keyedRouteOptions } from './keyed-route';
import { IdempotencyHeader, IdParams, idempotentReplyOf, keyActor } from './v1-route-kit';

const ACTIONS: Record<Exclude<BroadcastAction, 'start'>, string> = {
  pause: 'Pause a broadcast that is sending; nobody is sent to until it resumes',
  resume: 'Resume a paused broadcast where it stopped (nobody is sent to twice)',
  cancel: 'Cancel a broadcast: the recipients not sent to yet are skipped',
};

/**
 * Broadcasts with a key: made to send now or at a time, followed (status, counts, each
 * recipient), paused, resumed and cancelled through the use cases of the web app's Broadcasts;
 * the engine sends each recipient exactly once.
 */
export async function v1BroadcastsRoutes(appIn: FastifyInstance, opts: { deps: ApiDeps; perMinute: number }) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const keyed = keyedRouteOptions(createApiKeyGuard(deps), opts.perMinute);
  const idempotentReply = idempotentReplyOf(deps);
  const actorOf = (req: Parameters<typeof callerOf>[0]) => ({ ...keyActor(callerOf(req)), userId: null });

  app.post(
    '/api/v1/broadcasts',
    keyed('broadcasts:write', 'broadcasts', {
      summary: 'Send an approved template to an audience now, or at scheduledAt',
      description:
        "`channelId` (GET /api/v1/channels), `templateId` (an approved template of that number's account), `audience` (`filters` as the contact list's, a saved `view`, or an uploaded `csv`), `variables` (where each template variable takes its value: a contact attribute with a fallback, or a fixed text). Every problem is named with its path. Opted-out contacts are left out. Answers 201 with the broadcast (`preparing`, or `scheduled`).",
      headers: IdempotencyHeader,
      body: ApiCreateBroadcastRequestSchema,
      response: { 201: BroadcastSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async (broadcastId) => {
        const { scheduledAt, ...input } = req.body;
        const request = {
          ...input,
          scheduledAt: scheduledAt ?? null,
          action: scheduledAt ? ('schedule' as const) : ('send_now' as const),
        };
        return {
          status: 201,
          body: await createBroadcast(deps.broadcasts, actorOf(req), request, broadcastId),
        };
      }),
  );

  app.get(
    '/api/v1/broadcasts',
    keyed('broadcasts:read', 'broadcasts', {
      summary: "The workspace's latest 200 broadcasts, newest first, with their status and counts",
      response: { 200: apiPage(BroadcastSchema) },
    }),
    async (req) => ({
      data: (await listBroadcasts(deps.broadcasts, callerOf(req).workspaceId)).items,
      nextCursor: null,
    }),
  );

  app.get(
    '/api/v1/broadcasts/:id',
    keyed('broadcasts:read', 'broadcasts', {
      summary:
        'One broadcast: its status, counts (sent, delivered, read, replied, failed…) and failures by reason',
      params: IdParams,
      response: { 200: BroadcastSchema },
    }),
    async (req) => getBroadcast(deps.broadcasts, callerOf(req).workspaceId, req.params.id),
  );

  for (const [action, summary] of Object.entries(ACTIONS) as [BroadcastAction, string][]) {
    app.post(
      `/api/v1/broadcasts/:id/${action}`,
      keyed('broadcasts:write', 'broadcasts', {
        summary,
        description:
          'A broadcast in a status this cannot apply to answers 409 broadcast_status_conflict, naming the statuses it can.',
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: BroadcastSchema },
      }),
      async (req, reply) =>
        idempotentReply(req, reply, async () => ({
          status: 200,
          body: await changeBroadcastStatus(deps.broadcasts, actorOf(req), req.params.id, action, () =>
            deps.pokeBroadcasts(),
          ),
        })),
    );
  }

  app.get(
    '/api/v1/broadcasts/:id/recipients',
    keyed('broadcasts:read', 'broadcasts', {
      summary:
        'Each recipient and where it is: queued, sent, delivered, read, replied, failed (why), skipped',
      description: 'In send order, `limit` a page (50 by default, up to 200); `state` filters.',
      params: IdParams,
      querystring: BroadcastRecipientsQuerySchema,
      response: { 200: apiPage(BroadcastRecipientSchema) },
    }),
    async (req) => {
      const page = await listRecipients(deps.broadcasts, callerOf(req).workspaceId, req.params.id, req.query);
      return { data: page.items, nextCursor: page.nextCursor };
    },
  );
}
