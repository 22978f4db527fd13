import { ChannelSchema, ConnectChannelRequestSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { type ConnectChannelDeps, connectChannel } from './connect-channel';
import { createSandboxChannel, type SandboxOptions } from './create-sandbox-channel';
import { type DisconnectChannelDeps, disconnectChannel } from './disconnect-channel';
import { type BacklogOf, type ChannelView, getChannel, listChannels } from './list-channels';

/** What the channel admin routes need, built once in container.ts. */
export interface ChannelAdminDeps extends ConnectChannelDeps, DisconnectChannelDeps {
  view: ChannelView;
  backlogOf: BacklogOf;
  /** Read per request: the simulator's webhook target is only known once the server listens. */
  sandbox(): SandboxOptions;
  fetch?: typeof fetch;
}

export interface ChannelsRoutesOptions {
  deps: ChannelAdminDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): AuthContext;
}

export async function channelsRoutes(appIn: FastifyInstance, opts: ChannelsRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const tags = ['channels'];

  /** Connecting numbers hands out webhook secrets: owner and admins only. */
  const asAdmin = (req: unknown): AuthContext => {
    const auth = opts.authOf(req);
    if (auth.role !== 'owner' && auth.role !== 'admin')
      throw new AppError('forbidden', 'forbidden', 'Only the owner or an admin can manage WhatsApp numbers.');
    return auth;
  };

  const shown = async (auth: AuthContext, id: string) => {
    const channel = await getChannel(deps.directory, auth, deps.view, deps.backlogOf, id);
    if (!channel) throw notFound('channel');
    return channel;
  };

  app.get(
    '/api/channels',
    {
      preHandler: opts.requireMember,
      schema: { tags, response: { 200: z.object({ items: z.array(ChannelSchema) }) } },
    },
    async (req) => ({
      items: await listChannels(deps.directory, opts.authOf(req), deps.view, deps.backlogOf),
    }),
  );

  app.post(
    '/api/channels',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'Connect a WhatsApp number (checked with Meta before it is saved)',
        body: ConnectChannelRequestSchema,
        response: { 200: ChannelSchema },
      },
    },
    async (req) => {
      const auth = asAdmin(req);
      const id = await connectChannel(deps, auth.workspaceId, req.body, { userId: auth.userId, ip: req.ip });
      // Every process picks up the new (or reconnected) number at once.
      await deps.channelsChanged(auth.workspaceId);
      return shown(auth, id);
    },
  );

  app.post(
    '/api/channels/:id/disconnect',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary:
          'Disconnect a WhatsApp number: its history stays, its secrets are wiped, nothing more is sent or received through it',
        params: z.object({ id: z.uuid() }),
        response: { 200: ChannelSchema },
      },
    },
    async (req) => {
      const auth = asAdmin(req);
      await disconnectChannel(deps, auth.workspaceId, req.params.id, { userId: auth.userId, ip: req.ip });
      return shown(auth, req.params.id);
    },
  );

  app.post(
    '/api/channels/sandbox',
    {
      preHandler: opts.requireMember,
      schema: { tags, summary: 'Add one more simulated number', response: { 200: ChannelSchema } },
    },
    async (req) => {
      const auth = asAdmin(req);
      return shown(
        auth,
        await createSandboxChannel(deps, auth.workspaceId, deps.sandbox(), deps.fetch, {
          userId: auth.userId,
          ip: req.ip,
        }),
      );
    },
  );
}
