import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RealtimeClient, RealtimeHub } from './realtime-hub';

/** What a module may do with the sockets (presence): all optional. */
export interface RealtimeListener {
  onConnect?(client: RealtimeClient): void | Promise<void>;
  /** A frame the browser sent, parsed as JSON (anything else is dropped). */
  onMessage?(client: RealtimeClient, message: unknown): void | Promise<void>;
  /** Every 25 s while the socket stays open. */
  onAlive?(client: RealtimeClient): void | Promise<void>;
  onClose?(client: RealtimeClient): void | Promise<void>;
}

export interface RealtimeRoutesOptions {
  hub: RealtimeHub;
  /** The signed-in member behind this request, or null. */
  authenticate(
    request: FastifyRequest,
  ): Promise<{ workspaceId: string; userId: string; role: string; sessionId: string } | null>;
  listener?: RealtimeListener;
  log?: (err: unknown) => void;
}

export async function realtimeRoutes(app: FastifyInstance, opts: RealtimeRoutesOptions) {
  await app.register(websocket, { options: { maxPayload: 4096 } });
  const listener = opts.listener ?? {};
  app.get('/api/realtime', { websocket: true, schema: { hide: true } }, async (socket, request) => {
    const who = await opts.authenticate(request);
    if (!who) {
      socket.close(4401, 'unauthorized');
      return;
    }
    const { workspaceId, userId, role, sessionId } = who;
    const client = opts.hub.add({ workspaceId, userId, role, sessionId, socket });
    // One socket's calls run in order: "viewing" is settled before the "typing" that follows,
    // and a close never overtakes the connect it ends.
    let queue: Promise<void> = Promise.resolve();
    const safely = (fn: () => void | Promise<void>) => {
      queue = queue.then(fn).catch((err) => opts.log?.(err));
    };
    const ping = setInterval(() => {
      socket.ping();
      safely(() => listener.onAlive?.(client));
    }, 25_000);
    socket.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      safely(() => listener.onMessage?.(client, message));
    });
    socket.on('close', () => {
      clearInterval(ping);
      client.remove();
      safely(() => listener.onClose?.(client));
    });
    socket.send(JSON.stringify({ type: 'hello' }));
    safely(() => listener.onConnect?.(client));
  });
}
