import type { Database } from '../../../platform/db/database';
import type { BusEvent } from '../../../platform/events/event-bus';
import type { RealtimeClient, RealtimeHub } from '../../../platform/realtime/realtime-hub';
import { agentsWhoMaySee } from './presence-visibility';

/** Events with nothing of a conversation in them: every member of the workspace hears them. */
const WORKSPACE_EVENTS = new Set(['channel.updated', 'template.updated', 'broadcast.updated']);
/** Events about one conversation (`conversationId`): only members who may see it hear them. */
const CONVERSATION_EVENTS = new Set([
  'message.created',
  'message.updated',
  'conversation.updated',
  'note.mentioned',
]);

export interface RealtimeFanOutDeps {
  db: Pick<Database, 'query'>;
  hub: RealtimeHub;
  log?: (err: unknown) => void;
}

/**
 * The bus's events for this process's sockets, each to the members who may hear it: workspace
 * events to all, conversation events to owners, admins, and the agents the inbox shows the
 * conversation to (the same rule: presence-visibility.ts). Anything else on the bus is between
 * processes and never reaches a browser. Events arriving together (an ingest batch) cost one
 * query per workspace, not one per socket or per event; they are delivered in the order they came.
 */
export function createRealtimeFanOut(deps: RealtimeFanOutDeps) {
  const log = deps.log ?? (() => {});
  let pending: BusEvent[] = [];
  let scheduled = false;
  let delivering: Promise<void> = Promise.resolve();

  async function deliver(batch: BusEvent[]): Promise<void> {
    const conversationsOf = new Map<string, Set<string>>();
    for (const e of batch) {
      if (!CONVERSATION_EVENTS.has(String(e.type)) || typeof e.conversationId !== 'string') continue;
      const set = conversationsOf.get(e.workspaceId) ?? new Set<string>();
      set.add(e.conversationId);
      conversationsOf.set(e.workspaceId, set);
    }
    const allowed = new Map<string, Map<string, Set<string>>>();
    await Promise.all(
      [...conversationsOf].map(async ([workspaceId, conversations]) => {
        const agents = deps.hub
          .clients(workspaceId)
          .filter((c) => c.role === 'agent')
          .map((c) => c.userId);
        allowed.set(workspaceId, await agentsWhoMaySee(deps.db, workspaceId, [...conversations], agents));
      }),
    );
    for (const { workspaceId, ...event } of batch) {
      if (WORKSPACE_EVENTS.has(String(event.type))) {
        deps.hub.push(workspaceId, event);
        continue;
      }
      if (typeof event.conversationId !== 'string') continue;
      const agents = allowed.get(workspaceId)?.get(event.conversationId);
      const maySee = (c: RealtimeClient) => c.role !== 'agent' || agents?.has(c.userId) === true;
      const mentioned = event.type === 'note.mentioned' ? event.userId : null;
      deps.hub.push(workspaceId, event, (c) => maySee(c) && (mentioned === null || c.userId === mentioned));
    }
  }

  return {
    route(event: BusEvent): void {
      const type = String(event.type);
      if (!WORKSPACE_EVENTS.has(type) && !CONVERSATION_EVENTS.has(type)) return;
      if (deps.hub.clients(event.workspaceId).length === 0) return;
      pending.push(event);
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        const batch = pending;
        pending = [];
        delivering = delivering.then(() => deliver(batch)).catch(log);
      });
    },
    /** Resolves once everything routed so far was delivered (tests). */
    idle: () => delivering,
  };
}
