import {
  ApiAcceptedMessageSchema,
  ApiChannelSchema,
  ApiMessageSchema,
  apiPage,
  ContactSchema,
  CreateContactRequestSchema,
  WebhookDeliveryListSchema,
  WebhookSubscriptionSchema,
} from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { listDeliveries, replayDelivery, sendTestEvent } from '../webhooks/deliveries';
import { listWebhooks } from '../webhooks/subscriptions';
import type { WebhookDeps } from '../webhooks/webhooks.deps';
import { DeliveriesQuery, EventCatalogSchema, eventCatalog } from '../webhooks.routes';
import { createApiContact, getApiContact } from './api-contacts';
import { getApiMessage } from './get-api-message';
import { type Answer, idempotent } from './idempotency';
import { keyedRouteOptions } from './keyed-route';
import { listApiChannels } from './list-api-channels';
import { ApiSendMessageSchema } from './meta-message';
import { sendApiMessage } from './send-api-message';

export interface V1RoutesOptions {
  deps: ApiDeps;
  webhooks: WebhookDeps;
  /** Requests per minute one key may make (API_RATE_LIMIT_PER_MINUTE). */
  perMinute: number;
}

const IdempotencyHeader = z.object({
  'idempotency-key': z.string().optional().meta({
    description:
      'Makes a retry safe: the same key and body answer the first result and send nothing again (24 hours)',
  }),
});
const Id = z.object({ id: z.uuid() });

/**
 * The public API: `Authorization: Bearer <key>`, scopes per resource, per-key rate limits with
 * `RateLimit-*` headers, `Idempotency-Key` on every POST, one error shape. Each route is
 * documented by the zod schemas it validates with (GET /api/v1/openapi.json).
 */
export async function v1Routes(appIn: FastifyInstance, opts: V1RoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, webhooks } = opts;
  const keyed = keyedRouteOptions(createApiKeyGuard(deps), opts.perMinute);

  /** A POST's answer under its Idempotency-Key: run once, replayed after (`Idempotent-Replayed`). */
  async function idempotentReply(
    req: FastifyRequest,
    reply: FastifyReply,
    run: (resourceId: string, resumed: boolean) => Promise<Answer>,
  ) {
    const key = req.headers['idempotency-key'];
    const answer = await idempotent(
      deps,
      callerOf(req),
      typeof key === 'string' ? key : undefined,
      { method: req.method, route: req.url.split('?')[0]!, body: req.body },
      run,
    );
    if (answer.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(answer.status).send(answer.body);
  }

  app.post(
    '/api/v1/messages',
    keyed('messages:write', 'messages', {
      summary: 'Send a message (any type, or a template) to a contact id or a phone number',
      description:
        "The message is shaped as in Meta's Cloud API (`type` and that type's object). Free-form messages only within 24 hours of the customer's last message; a template at any time. The conversation is opened as needed.",
      headers: IdempotencyHeader,
      body: ApiSendMessageSchema,
      response: { 202: ApiAcceptedMessageSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async (messageId, resumed) => ({
        status: 202,
        body: await sendApiMessage(deps, callerOf(req), req.body, messageId, resumed),
      })),
  );

  app.get(
    '/api/v1/messages/:id',
    keyed('messages:read', 'messages', {
      summary: 'One message, with its status and, when it failed, why',
      params: Id,
      response: { 200: ApiMessageSchema },
    }),
    async (req) => getApiMessage(deps, callerOf(req), req.params.id),
  );

  app.post(
    '/api/v1/contacts',
    keyed('contacts:write', 'contacts', {
      summary:
        "Add a contact: its phone (E.164, or national in the workspace's default country), name, tags, attributes, opt-in",
      description:
        'A number Charla already knows in any of its forms answers 409 contact_exists with details.contactId.',
      headers: IdempotencyHeader,
      body: CreateContactRequestSchema,
      response: { 201: ContactSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => ({
        status: 201,
        body: await createApiContact(deps, callerOf(req), req.body),
      })),
  );

  app.get(
    '/api/v1/contacts/:id',
    keyed('contacts:read', 'contacts', {
      summary: 'One contact',
      params: Id,
      response: { 200: ContactSchema },
    }),
    async (req) => getApiContact(deps, callerOf(req), req.params.id),
  );

  app.get(
    '/api/v1/channels',
    keyed('channels:read', 'channels', {
      summary: "The workspace's WhatsApp numbers and whether each can send",
      response: { 200: apiPage(ApiChannelSchema) },
    }),
    async (req) => ({ data: await listApiChannels(deps, callerOf(req)), nextCursor: null }),
  );

  app.get(
    '/api/v1/webhooks',
    keyed('webhooks:read', 'webhooks', {
      summary: "The workspace's webhook subscriptions",
      response: { 200: apiPage(WebhookSubscriptionSchema) },
    }),
    async (req) => ({ data: await listWebhooks(webhooks, callerOf(req).workspaceId), nextCursor: null }),
  );

  app.get(
    '/api/v1/webhooks/events',
    keyed('webhooks:read', 'webhooks', {
      summary: 'The event catalogue: each event, what it holds, an example',
      response: { 200: EventCatalogSchema },
    }),
    async () => eventCatalog(),
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    keyed('webhooks:read', 'webhooks', {
      summary: 'Deliveries newest first, each with every attempt (status, latency, the start of the answer)',
      params: Id,
      querystring: DeliveriesQuery,
      response: { 200: WebhookDeliveryListSchema },
    }),
    async (req) => listDeliveries(webhooks, callerOf(req).workspaceId, req.params.id, req.query),
  );

  app.post(
    '/api/v1/webhooks/deliveries/:deliveryId/replay',
    keyed('webhooks:write', 'webhooks', {
      summary: 'Send a delivery again now, with the same webhook-id',
      headers: IdempotencyHeader,
      params: z.object({ deliveryId: z.string().max(20) }),
      response: { 202: z.object({ ok: z.boolean() }) },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => {
        await replayDelivery(webhooks, callerOf(req).workspaceId, req.params.deliveryId);
        return { status: 202, body: { ok: true } };
      }),
  );

  app.post(
    '/api/v1/webhooks/:id/test',
    keyed('webhooks:write', 'webhooks', {
      summary: 'Send a webhook.test event to this subscription now',
      headers: IdempotencyHeader,
      params: Id,
      response: { 202: z.object({ deliveryId: z.string() }) },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => ({
        status: 202,
        body: await sendTestEvent(webhooks, callerOf(req).workspaceId, req.params.id),
      })),
  );
}
