import {
  ApiAcceptedMessageSchema,
  ApiChannelSchema,
  ApiErrorResponses,
  ApiMessageSchema,
  type ApiScope,
  apiPage,
  ContactSchema,
  CreateContactRequestSchema,
  WebhookDeliveryListSchema,
  WebhookSubscriptionSchema,
} from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
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
import { idempotent } from './idempotency';
import { listApiChannels } from './list-api-channels';
import { ApiSendMessageSchema } from './meta-message';
import { perKeyRateLimit } from './per-key-rate-limit';
import { sendApiMessage } from './send-api-message';
import { V1_TAG_PREFIX } from './v1-tags';

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

/**
 * The public API: `Authorization: Bearer <key>`, scopes per resource, per-key rate limits with
 * `RateLimit-*` headers, `Idempotency-Key` on POST, one error shape. Each route is documented by
 * the zod schemas it validates with (GET /api/v1/openapi.json).
 */
export async function v1Routes(appIn: FastifyInstance, opts: V1RoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const guard = createApiKeyGuard(deps);
  const security = [{ apiKey: [] }];
  const rateLimit = perKeyRateLimit(opts.perMinute);
  // The key is checked first (onRequest): a caller without one learns nothing, not even what is invalid.
  const route = (scope: ApiScope, tag: string) => ({
    onRequest: guard(scope),
    config: { rateLimit },
    tags: [`${V1_TAG_PREFIX}${tag}`],
  });

  {
    const { onRequest, config, tags } = route('messages:write', 'messages');
    app.post(
      '/api/v1/messages',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary: 'Send a message (any type, or a template) to a contact id or a phone number',
          description:
            "The message is shaped as in Meta's Cloud API (`type` and that type's object). Free-form messages only within 24 hours of the customer's last message; a template at any time. The conversation is opened as needed.",
          headers: IdempotencyHeader,
          body: ApiSendMessageSchema,
          response: { 202: ApiAcceptedMessageSchema, ...ApiErrorResponses },
        },
      },
      async (req, reply) => {
        const caller = callerOf(req);
        const answer = await idempotent(
          deps,
          caller,
          req.headers['idempotency-key'] as string | undefined,
          { method: 'POST', route: '/api/v1/messages', body: req.body },
          async (messageId) => ({
            status: 202,
            body: await sendApiMessage(deps, caller, req.body, messageId),
          }),
        );
        if (answer.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(answer.status).send(answer.body as z.infer<typeof ApiAcceptedMessageSchema>);
      },
    );
  }

  {
    const { onRequest, config, tags } = route('messages:read', 'messages');
    app.get(
      '/api/v1/messages/:id',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary: 'One message, with its status and, when it failed, why',
          params: z.object({ id: z.uuid() }),
          response: { 200: ApiMessageSchema, ...ApiErrorResponses },
        },
      },
      async (req) => getApiMessage(deps, callerOf(req), req.params.id),
    );
  }

  {
    const { onRequest, config, tags } = route('contacts:write', 'contacts');
    app.post(
      '/api/v1/contacts',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary:
            "Add a contact: its phone (E.164, or national in the workspace's default country), name, tags, attributes, opt-in",
          description:
            'A number Charla already knows in any of its forms answers 409 contact_exists with details.contactId.',
          headers: IdempotencyHeader,
          body: CreateContactRequestSchema,
          response: { 201: ContactSchema, ...ApiErrorResponses },
        },
      },
      async (req, reply) => {
        const caller = callerOf(req);
        const answer = await idempotent(
          deps,
          caller,
          req.headers['idempotency-key'] as string | undefined,
          { method: 'POST', route: '/api/v1/contacts', body: req.body },
          async () => ({ status: 201, body: await createApiContact(deps, caller, req.body) }),
        );
        if (answer.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(answer.status).send(answer.body as z.infer<typeof ContactSchema>);
      },
    );
  }

  {
    const { onRequest, config, tags } = route('contacts:read', 'contacts');
    app.get(
      '/api/v1/contacts/:id',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary: 'One contact',
          params: z.object({ id: z.uuid() }),
          response: { 200: ContactSchema, ...ApiErrorResponses },
        },
      },
      async (req) => getApiContact(deps, callerOf(req), req.params.id),
    );
  }

  {
    const { onRequest, config, tags } = route('channels:read', 'channels');
    app.get(
      '/api/v1/channels',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary: "The workspace's WhatsApp numbers and whether each can send",
          response: { 200: apiPage(ApiChannelSchema), ...ApiErrorResponses },
        },
      },
      async (req) => ({ data: await listApiChannels(deps, callerOf(req)), nextCursor: null }),
    );
  }

  {
    const { onRequest, config, tags } = route('webhooks:read', 'webhooks');
    app.get(
      '/api/v1/webhooks',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary: "The workspace's webhook subscriptions",
          response: { 200: apiPage(WebhookSubscriptionSchema), ...ApiErrorResponses },
        },
      },
      async (req) => ({
        data: await listWebhooks(opts.webhooks, callerOf(req).workspaceId),
        nextCursor: null,
      }),
    );
    app.get(
      '/api/v1/webhooks/events',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary: 'The event catalogue: each event, what it holds, an example',
          response: { 200: EventCatalogSchema, ...ApiErrorResponses },
        },
      },
      async () => eventCatalog(),
    );
    app.get(
      '/api/v1/webhooks/:id/deliveries',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary:
            'Deliveries newest first, each with every attempt (status, latency, the start of the answer)',
          params: z.object({ id: z.uuid() }),
          querystring: DeliveriesQuery,
          response: { 200: WebhookDeliveryListSchema, ...ApiErrorResponses },
        },
      },
      async (req) => listDeliveries(opts.webhooks, callerOf(req).workspaceId, req.params.id, req.query),
    );
  }

  {
    const { onRequest, config, tags } = route('webhooks:write', 'webhooks');
    app.post(
      '/api/v1/webhooks/deliveries/:deliveryId/replay',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary:
            'Send a delivery again now, with the same webhook-id (replaying twice sends twice: it is a resend)',
          params: z.object({ deliveryId: z.string().max(20) }),
          response: { 202: z.object({ ok: z.boolean() }), ...ApiErrorResponses },
        },
      },
      async (req, reply) => {
        const caller = callerOf(req);
        const answer = await idempotent(
          deps,
          caller,
          req.headers['idempotency-key'] as string | undefined,
          {
            method: 'POST',
            route: `/api/v1/webhooks/deliveries/${req.params.deliveryId}/replay`,
            body: req.body,
          },
          async () => {
            await replayDelivery(opts.webhooks, caller.workspaceId, req.params.deliveryId);
            return { status: 202, body: { ok: true } };
          },
        );
        if (answer.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(answer.status).send(answer.body as { ok: boolean });
      },
    );
    app.post(
      '/api/v1/webhooks/:id/test',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary: 'Send a webhook.test event to this subscription now',
          headers: IdempotencyHeader,
          params: z.object({ id: z.uuid() }),
          response: { 202: z.object({ deliveryId: z.string() }), ...ApiErrorResponses },
        },
      },
      async (req, reply) => {
        const caller = callerOf(req);
        const answer = await idempotent(
          deps,
          caller,
          req.headers['idempotency-key'] as string | undefined,
          { method: 'POST', route: `/api/v1/webhooks/${req.params.id}/test`, body: req.body },
          async () => ({
            status: 202,
            body: await sendTestEvent(opts.webhooks, caller.workspaceId, req.params.id),
          }),
        );
        if (answer.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(answer.status).send(answer.body as { deliveryId: string });
      },
    );
  }
}
