import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IntegrationsDeps } from './integrations.deps';
import { MAX_PAYLOAD_BYTES, receivePayload } from './receive-payload';
import { receiveShopifyWebhook } from './shopify/receive-shopify-webhook';

/**
 * `POST /webhooks/in/:token`: where outside tools post JSON, and `POST /webhooks/shopify/:connectionId`,
 * where a connected shop posts its webhooks (encapsulated: the raw-body parser
 * applies here only, as the signature covers the exact bytes). No session; the trigger's secret
 * authenticates the sender.
 */
export async function incomingWebhookRoutes(app: FastifyInstance, opts: { deps: IntegrationsDeps }) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_PAYLOAD_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  app.post(
    '/webhooks/in/:token',
    { schema: { hide: true, params: z.object({ token: z.string().min(10).max(100) }) } },
    async (req, reply) => {
      const { token } = req.params as { token: string };
      const raw = typeof req.body === 'string' ? req.body : '';
      const done = await receivePayload(opts.deps, token, raw, req.headers);
      return reply.status(202).send(done);
    },
  );
  app.post(
    '/webhooks/shopify/:connectionId',
    { schema: { hide: true, params: z.object({ connectionId: z.string().max(100) }) } },
    async (req, reply) => {
      const { connectionId } = req.params as { connectionId: string };
      const raw = typeof req.body === 'string' ? req.body : '';
      return reply.status(200).send(await receiveShopifyWebhook(opts.deps, connectionId, raw, req.headers));
    },
  );
}
