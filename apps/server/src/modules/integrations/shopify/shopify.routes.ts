import { ConnectShopifyRequestSchema, ShopifyConnectionSchema, ShopifyEventSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IntegrationsActor, IntegrationsDeps } from '../integrations.deps';
import { disconnectShopify } from './disconnect-shopify';
import { getShopifyConnection } from './get-shopify-connection';
import { listShopifyEvents } from './list-shopify-events';
import { saveShopifyConnection } from './save-shopify-connection';

/** Settings › Integrations › Shopify (owners and admins). */
export async function shopifyRoutes(
  appIn: FastifyInstance,
  opts: {
    deps: IntegrationsDeps;
    preHandler: preHandlerAsyncHookHandler;
    actorOf(req: { ip: string }): IntegrationsActor;
  },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, preHandler, actorOf } = opts;
  const tags = ['integrations'];
  app.get(
    '/api/integrations/shopify',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The connected Shopify shop and its automations (null: none connected)',
        response: { 200: z.object({ connection: ShopifyConnectionSchema.nullable() }) },
      },
    },
    async (req) => ({ connection: await getShopifyConnection(deps, actorOf(req)) }),
  );
  app.put(
    '/api/integrations/shopify',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Connect the shop (its webhook secret, the number) or change its automations',
        body: ConnectShopifyRequestSchema,
        response: { 200: ShopifyConnectionSchema },
      },
    },
    async (req) => saveShopifyConnection(deps, actorOf(req), req.body),
  );
  app.delete(
    '/api/integrations/shopify',
    { preHandler, schema: { tags, summary: 'Disconnect the shop: its webhooks are refused' } },
    async (req, reply) => {
      await disconnectShopify(deps, actorOf(req));
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/integrations/shopify/events',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The last 50 webhooks the shop sent, newest first, with what Charla did',
        response: { 200: z.array(ShopifyEventSchema) },
      },
    },
    async (req) => listShopifyEvents(deps, actorOf(req)),
  );
}
