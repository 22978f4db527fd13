import type { FastifyInstance } from 'fastify';
import type { ChannelDirectory } from '../channel-directory';
import type { IngestWorker } from './ingest-worker';
import { receiveWebhook, verifySubscription } from './receive-webhook';
import type { WebhookEventLog } from './webhook-event-log';

export interface WebhookRoutesOptions {
  deps: { directory: ChannelDirectory; eventLog: WebhookEventLog };
  worker: Pick<IngestWorker, 'wake'>;
}

/** Encapsulated plugin: the raw-body parser applies to these routes only. */
export async function whatsappWebhookRoutes(app: FastifyInstance, opts: WebhookRoutesOptions) {
  app.removeAllContentTypeParsers();
  // Meta signs the exact bytes; re-serialised JSON would not match. Payloads reach 3 MB.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 4 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  app.get('/webhooks/whatsapp', { schema: { hide: true } }, async (req, reply) => {
    const challenge = await verifySubscription(opts.deps.directory, req.query as Record<string, string>);
    return reply.type('text/plain').send(challenge);
  });

  app.post('/webhooks/whatsapp', { schema: { hide: true } }, async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const header = req.headers['x-hub-signature-256'];
    await receiveWebhook(opts.deps, raw, Array.isArray(header) ? header[0] : header);
    opts.worker.wake();
    return reply.type('text/plain').send('EVENT_RECEIVED');
  });
}
