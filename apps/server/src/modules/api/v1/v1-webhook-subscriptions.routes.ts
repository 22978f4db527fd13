import {
  CreateWebhookSubscriptionRequestSchema,
  UpdateWebhookSubscriptionRequestSchema,
  WebhookSubscriptionSchema,
  type WebhookSubscriptionWithSecret,
  WebhookSubscriptionWithSecretSchema,
} from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import {
  createWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookActor,
} from '../webhooks/subscriptions';
import type { WebhookDeps } from '../webhooks/webhooks.deps';
import { idempotent } from './idempotency';
import { keyedRouteOptions } from './keyed-route';
import { IdempotencyHeader, IdParams } from './v1-route-kit';

/**
 * Webhook subscriptions managed with a key, through the use cases of Settings › Webhooks: made
 * (the answer holds the signing secret), changed, turned off or on, removed, the secret rotated.
 */
export async function v1WebhookSubscriptionsRoutes(
  appIn: FastifyInstance,
  opts: { deps: ApiDeps; webhooks: WebhookDeps; perMinute: number },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, webhooks } = opts;
  const keyed = keyedRouteOptions(createApiKeyGuard(deps), opts.perMinute);
  const actorOf = (req: FastifyRequest): WebhookActor => {
    const caller = callerOf(req);
    return { workspaceId: caller.workspaceId, userId: null, label: caller.keyName, ip: caller.ip };
  };

  /**
   * An answer holding a secret, under its Idempotency-Key: the secret is kept sealed (SECRET_KEY)
   * with the answer, as the subscription keeps it, and opened for the reply and its replays.
   */
  async function secretReply(
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    run: () => Promise<WebhookSubscriptionWithSecret>,
  ) {
    const key = req.headers['idempotency-key'];
    const answer = await idempotent(
      deps,
      callerOf(req),
      typeof key === 'string' ? key : undefined,
      { method: req.method, route: req.url.split('?')[0]!, body: req.body },
      async () => {
        const made = await run();
        return { status, body: { ...made, secret: webhooks.secrets.encrypt(made.secret) } };
      },
    );
    if (answer.replayed) reply.header('idempotent-replayed', 'true');
    const body = answer.body as WebhookSubscriptionWithSecret;
    return reply.status(answer.status).send({ ...body, secret: webhooks.secrets.decrypt(body.secret) });
  }

  app.post(
    '/api/v1/webhooks',
    keyed('webhooks:write', 'webhooks', {
      summary: 'Subscribe a URL to events; the answer holds the signing secret',
      description:
        'Deliveries are signed as Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the secret, shown in this answer only (a retry with the same Idempotency-Key answers it again). GET /api/v1/webhooks/events lists the events.',
      headers: IdempotencyHeader,
      body: CreateWebhookSubscriptionRequestSchema,
      response: { 201: WebhookSubscriptionWithSecretSchema },
    }),
    async (req, reply) => secretReply(req, reply, 201, () => createWebhook(webhooks, actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/webhooks/:id',
    keyed('webhooks:write', 'webhooks', {
      summary:
        'Change the URL, events or description; turn it off, or on again (clearing its failure streak)',
      params: IdParams,
      body: UpdateWebhookSubscriptionRequestSchema,
      response: { 200: WebhookSubscriptionSchema },
    }),
    async (req) => updateWebhook(webhooks, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/webhooks/:id',
    keyed('webhooks:write', 'webhooks', {
      summary: 'Remove a subscription and its delivery log',
      params: IdParams,
      response: { 204: z.null().meta({ description: 'Removed' }) },
    }),
    async (req, reply) => {
      await deleteWebhook(webhooks, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/webhooks/:id/rotate-secret',
    keyed('webhooks:write', 'webhooks', {
      summary: 'A new signing secret (in this answer); the old one also signs for 24 hours',
      headers: IdempotencyHeader,
      params: IdParams,
      response: { 200: WebhookSubscriptionWithSecretSchema },
    }),
    async (req, reply) =>
      secretReply(req, reply, 200, () => rotateWebhookSecret(webhooks, actorOf(req), req.params.id)),
  );
}
