import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RealtimeHub } from './realtime-hub';

export interface RealtimeRoutesOptions {
  hub: RealtimeHub;
  /** The workspace of the signed-in member behind this request, or null. */
  authenticate(request: FastifyRequest): Promise<string | null>;
}

export async function realtimeRoutes(app: FastifyInstance, opts: RealtimeRoutesOptions) {
  await app.register(websocket, { options: { maxPayload: 4096 } });
  app.get('/api/realtime', { websocket: true, schema: { hide: true } }, async (socket, request) => {
    const workspaceId = await opts.authenticate(request);
    if (!workspaceId) {
      socket.close(4401, 'unauthorized');
      return;
    }
    const remove = opts.hub.add(workspaceId, socket);
    const ping = setInterval(() => socket.ping(), 25_000);
    socket.on('close', () => {
      clearInterval(ping);
      remove();
    });
    socket.send(JSON.stringify({ type: 'hello' }));
  });
}
