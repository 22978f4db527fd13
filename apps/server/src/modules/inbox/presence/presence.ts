import { randomUUID } from 'node:crypto';
import { RealtimeClientMessageSchema } from '@charla/contracts';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { BusEvent, EventBus } from '../../../platform/events/event-bus';
import type { RealtimeListener } from '../../../platform/realtime/realtime.routes';
import type { RealtimeClient, RealtimeHub } from '../../../platform/realtime/realtime-hub';
import { markMemberOffline, markMemberOnline } from './member-online';
import { type ConversationRef, createPresenceRegistry, type PresenceSignal } from './presence-registry';
import { maySeeConversation, membersWhoMaySee } from './presence-visibility';
import { createRealtimeFanOut } from './realtime-fan-out';

export interface PresenceDeps {
  db: Pick<Database, 'query'>;
  clock: Clock;
  bus: Pick<EventBus, 'publish'>;
  hub: RealtimeHub;
  log?: (err: unknown) => void;
  /** Typing ends this long after the last signal (the browser repeats it every 3 s). */
  typingMs?: number;
  /** A socket said its member is here (routing drains the queue to a member coming online). */
  memberSeen?(m: { workspaceId: string; lastSeenAt: Date | null; at: Date }): void;
}

/** Sockets refresh every 25 s; a socket of a process that died is forgotten after this. */
const LIVE_MS = 70_000;

/**
 * "Ana is viewing / typing" across processes. Each browser says what it shows and when its
 * agent types; the signal goes on the event bus (NOTIFY) so every process knows every socket,
 * and each process tells its own sockets, only those of members who may see the conversation.
 * Nothing is stored: presence is rebuilt from the sockets (a new process learns the others'
 * within one 25 s refresh). Time is the real one: presence is about people at screens.
 */
export function createPresence(deps: PresenceDeps) {
  const origin = randomUUID();
  const registry = createPresenceRegistry({ typingMs: deps.typingMs ?? 6_000, liveMs: LIVE_MS });
  /** What each socket of this process shows. */
  const viewing = new Map<string, string | null>();
  const log = deps.log ?? (() => {});
  const seen = async (client: RealtimeClient) => {
    const was = await markMemberOnline(deps, client);
    deps.memberSeen?.({ workspaceId: client.workspaceId, ...was });
  };
  let sweeper: NodeJS.Timeout | null = null;

  async function tell(refs: ConversationRef[], only?: RealtimeClient) {
    for (const { workspaceId, conversationId } of refs) {
      const clients = only ? [only] : deps.hub.clients(workspaceId);
      if (clients.length === 0) continue;
      const allowed = await membersWhoMaySee(deps.db, workspaceId, conversationId, clients);
      const state = registry.state(workspaceId, conversationId, Date.now());
      const event = { type: 'presence.updated', conversationId, ...state };
      deps.hub.push(workspaceId, event, (c) => allowed.has(c.userId) && (!only || c.id === only.id));
    }
  }

  async function signal(
    client: RealtimeClient,
    state: PresenceSignal['state'],
    conversationId: string | null,
  ) {
    const s: PresenceSignal = {
      connectionId: client.id,
      workspaceId: client.workspaceId,
      userId: client.userId,
      state,
      conversationId,
    };
    await tell(registry.apply(s, Date.now()));
    await deps.bus.publish({ ...s, type: 'presence.signal', origin });
  }

  const listener: RealtimeListener = {
    async onConnect(client) {
      viewing.set(client.id, null);
      await signal(client, 'viewing', null);
      await seen(client);
      const open = registry.conversations(client.workspaceId);
      await tell(
        open.map((conversationId) => ({ workspaceId: client.workspaceId, conversationId })),
        client,
      );
    },
    async onMessage(client, raw) {
      const parsed = RealtimeClientMessageSchema.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'presence.viewing') {
        const id = message.conversationId;
        // Only a conversation this member may see: no presence on hidden or foreign ids.
        const target = id && (await maySeeConversation(deps.db, asViewer(client), id)) ? id : null;
        viewing.set(client.id, target);
        await signal(client, 'viewing', target);
      } else if (viewing.get(client.id) === message.conversationId) {
        await signal(client, 'typing', message.conversationId);
      }
    },
    async onAlive(client) {
      await signal(client, 'refresh', viewing.get(client.id) ?? null);
      await seen(client);
    },
    async onClose(client) {
      viewing.delete(client.id);
      await signal(client, 'gone', null);
      if (!registry.isConnected(client.workspaceId, client.userId)) await markMemberOffline(deps, client);
    },
  };

  const fanOut = createRealtimeFanOut(deps);

  /** The bus's events for this process's sockets: presence here, the rest each to whom may see it. */
  function route(busEvent: BusEvent): void {
    const { workspaceId, ...event } = busEvent;
    if (event.type === 'presence.signal') {
      if (event.origin === origin) return;
      const refs = registry.apply({ ...event, workspaceId } as unknown as PresenceSignal, Date.now());
      tell(refs).catch(log);
      return;
    }
    fanOut.route(busEvent);
  }

  return {
    listener,
    route,
    /** Whether the member has Charla open in a browser right now (any process). */
    isConnected: (workspaceId: string, userId: string) => registry.isConnected(workspaceId, userId),
    start() {
      sweeper ??= setInterval(() => tell(registry.expire(Date.now())).catch(log), 1_000);
      sweeper.unref();
    },
    stop() {
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;

const asViewer = (c: RealtimeClient) => ({
  userId: c.userId,
  workspaceId: c.workspaceId,
  role: c.role as 'owner' | 'admin' | 'agent',
});
