import {
  CreateIncomingTriggerRequestSchema,
  IncomingPayloadSchema,
  IncomingTriggerSchema,
  IncomingTriggerWithSecretSchema,
  UpdateIncomingTriggerRequestSchema,
} from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IntegrationsActor, IntegrationsDeps } from './integrations.deps';
import { listPayloads } from './list-payloads';
import { shopifyRoutes } from './shopify/shopify.routes';
import { createTrigger, deleteTrigger, listTriggers, rotateTriggerSecret, updateTrigger } from './triggers';

export interface IntegrationsRoutesOptions {
  deps: IntegrationsDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): Omit<IntegrationsActor, 'ip'>;
}

/** Settings › Integrations: incoming webhook triggers and Shopify (owners and admins). */
export async function integrationsRoutes(appIn: FastifyInstance, opts: IntegrationsRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const tags = ['integrations'];
  const preHandler = opts.requireMember;
  const actorOf = (req: { ip: string }): IntegrationsActor => ({ ...opts.authOf(req), ip: req.ip });
  const Id = z.object({ id: z.uuid() });
  await app.register(shopifyRoutes, { deps, preHandler, actorOf });

  app.get(
    '/api/integrations/triggers',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Incoming webhook triggers',
        response: { 200: z.array(IncomingTriggerSchema) },
      },
    },
    async (req) => listTriggers(deps, actorOf(req)),
  );
  app.post(
    '/api/integrations/triggers',
    {
      preHandler,
      schema: {
        tags,
        summary: 'A trigger: its own address and secret (shown once), the fields mapped, and what it does',
        body: CreateIncomingTriggerRequestSchema,
        response: { 201: IncomingTriggerWithSecretSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createTrigger(deps, actorOf(req), req.body)),
  );
  app.patch(
    '/api/integrations/triggers/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Change a trigger, or turn it off or on',
        params: Id,
        body: UpdateIncomingTriggerRequestSchema,
        response: { 200: IncomingTriggerSchema },
      },
    },
    async (req) => updateTrigger(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/integrations/triggers/:id',
    { preHandler, schema: { tags, summary: 'Remove a trigger: its address stops working', params: Id } },
    async (req, reply) => {
      await deleteTrigger(deps, actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/integrations/triggers/:id/rotate-secret',
    {
      preHandler,
      schema: {
        tags,
        summary: 'A new secret (shown once); the old one stops working',
        params: Id,
        response: { 200: IncomingTriggerWithSecretSchema },
      },
    },
    async (req) => rotateTriggerSecret(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/api/integrations/triggers/:id/payloads',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The last 50 payloads received, newest first, with what was done',
        params: Id,
        response: { 200: z.array(IncomingPayloadSchema) },
      },
    },
    async (req) => listPayloads(deps, actorOf(req), req.params.id),
  );
}
