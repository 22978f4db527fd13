import { ApiChannelHealthSchema } from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { getApiChannel } from './get-api-channel';
import { keyedRouteOptions } from './keyed-route';
import { IdParams } from './v1-route-kit';

/** One number's health with a key: whether it can send, what waits in its outbox, what failed. */
export async function v1ChannelsRoutes(appIn: FastifyInstance, opts: { deps: ApiDeps; perMinute: number }) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const keyed = keyedRouteOptions(createApiKeyGuard(deps), opts.perMinute);

  app.get(
    '/api/v1/channels/:id',
    keyed('channels:read', 'channels', {
      summary: 'One number and its health: connected, its outbox backlog, its last error',
      description:
        '`status` and `lastError` say whether WhatsApp lets it send (a disconnected number or a refused token); `backlog` counts the messages waiting to leave (`queued`), handed to WhatsApp without an answer yet (`inDoubt`), since when the oldest waits, and the outbound messages that failed in the last hour with the newest reason.',
      params: IdParams,
      response: { 200: ApiChannelHealthSchema },
    }),
    async (req) => getApiChannel(deps, callerOf(req), req.params.id),
  );
}
