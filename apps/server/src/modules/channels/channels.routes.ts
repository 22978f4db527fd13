import { ChannelSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../auth';
import type { ChannelDirectory } from './channel-directory';
import { listChannels } from './list-channels';

export interface ChannelsRoutesOptions {
  directory: ChannelDirectory;
  simulatorUrl: string | null;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): AuthContext;
}

export async function channelsRoutes(appIn: FastifyInstance, opts: ChannelsRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/channels',
    {
      preHandler: opts.requireMember,
      schema: { tags: ['channels'], response: { 200: z.object({ items: z.array(ChannelSchema) }) } },
    },
    async (req) => ({
      items: await listChannels(opts.directory, opts.authOf(req).workspaceId, opts.simulatorUrl),
    }),
  );
}
