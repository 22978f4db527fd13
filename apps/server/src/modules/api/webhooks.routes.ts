import {
  CreateWebhookSubscriptionRequestSchema,
  UpdateWebhookSubscriptionRequestSchema,
  WEBHOOK_EVENT_CATALOG,
  WebhookDeliveryListSchema,
  WebhookSubscriptionSchema,
  WebhookSubscriptionWithSecretSchema,
} from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { KeyManager } from './api.deps';
import { assertKeyManager } from './keys/assert-key-manager';
import { listDeliveries, replayDelivery, sendTestEvent } from './webhooks/deliveries';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookActor,
} from './webhooks/subscriptions';
import type { WebhookDeps } from './webhooks/webhooks.deps';

export interface WebhooksRoutesOptions {
  deps: WebhookDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): Omit<KeyManager, 'ip'>;
}

const Id = z.object({ id: z.uuid() });
export const DeliveriesQuery = z.object({
  cursor: z.string().max(30).optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
});
export const EventCatalogSchema = z.array(
  z.object({ type: z.string(), description: z.string(), example: z.unknown() }),
);
export const eventCatalog = () =>
  Object.entries(WEBHOOK_EVENT_CATALOG).map(([type, e]) => ({
    type,
    description: e.description,
    example: { type, timestamp: '2026-05-04T10:15:00.000Z', data: e.example },
  }));

/**
 * Settings › Webhooks: owners and admins subscribe URLs to events, rotate secrets, read every
 * delivery with its attempts, replay one and send a test event (the same use cases /api/v1 has).
 */
export async function webhooksRoutes(appIn: FastifyInstance, opts: WebhooksRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const tags = ['webhooks'];
  const preHandler = opts.requireMember;
  const actorOf = (req: { ip: string }): WebhookActor => {
    const auth = opts.authOf(req);
    assertKeyManager({ ...auth, ip: req.ip });
    return { workspaceId: auth.workspaceId, userId: auth.userId, label: null, ip: req.ip };
  };

  app.get(
    '/api/webhooks/events',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The event catalogue: each event, what it holds, an example',
        response: { 200: EventCatalogSchema },
      },
    },
    async () => eventCatalog(),
  );
  app.get(
    '/api/webhooks',
    {
      preHandler,
      schema: {
        tags,
        summary: "The workspace's webhook subscriptions",
        response: { 200: z.array(WebhookSubscriptionSchema) },
      },
    },
    async (req) => listWebhooks(deps, actorOf(req).workspaceId),
  );
  app.post(
    '/api/webhooks',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Subscribe a URL to events; the answer holds the signing secret, shown this once',
        body: CreateWebhookSubscriptionRequestSchema,
        response: { 201: WebhookSubscriptionWithSecretSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createWebhook(deps, actorOf(req), req.body)),
  );
  app.patch(
    '/api/webhooks/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Change the URL, events or description; turn it off or on',
        params: Id,
        body: UpdateWebhookSubscriptionRequestSchema,
        response: { 200: WebhookSubscriptionSchema },
      },
    },
    async (req) => updateWebhook(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/webhooks/:id',
    { preHandler, schema: { tags, summary: 'Remove a subscription and its delivery log', params: Id } },
    async (req, reply) => {
      await deleteWebhook(deps, actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/webhooks/:id/rotate-secret',
    {
      preHandler,
      schema: {
        tags,
        summary: 'A new secret (shown once); the old one also signs for 24 hours',
        params: Id,
        response: { 200: WebhookSubscriptionWithSecretSchema },
      },
    },
    async (req) => rotateWebhookSecret(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/webhooks/:id/test',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Send a webhook.test event to this URL now',
        params: Id,
        response: { 202: z.object({ deliveryId: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await sendTestEvent(deps, actorOf(req).workspaceId, req.params.id)),
  );
  app.get(
    '/api/webhooks/:id/deliveries',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Deliveries newest first, each with every attempt',
        params: Id,
        querystring: DeliveriesQuery,
        response: { 200: WebhookDeliveryListSchema },
      },
    },
    async (req) => listDeliveries(deps, actorOf(req).workspaceId, req.params.id, req.query),
  );
  app.post(
    '/api/webhooks/deliveries/:deliveryId/replay',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Send a delivery again now, with the same webhook-id',
        params: z.object({ deliveryId: z.string().max(20) }),
      },
    },
    async (req, reply) => {
      await replayDelivery(deps, actorOf(req).workspaceId, req.params.deliveryId);
      return reply.status(202).send({ ok: true });
    },
  );
}
