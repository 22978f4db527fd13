import type { Database } from '../../../platform/db/database';
import type { BusEvent } from '../../../platform/events/event-bus';
import type { RealtimeClient, RealtimeHub } from '../../../platform/realtime/realtime-hub';
import { agentsWhoMaySee, teamMembersAmong } from './presence-visibility';

/** Events with nothing of a conversation in them: every member of the workspace hears them. */
const WORKSPACE_EVENTS = new Set([
  'channel.updated',
  'template.updated',
  'broadcast.updated',
  'contact.updated',
]);
/** Events about one conversation (`conversationId`): only members who may see it hear them. */
const CONVERSATION_EVENTS = new Set([
  'message.created',
  'message.updated',
  'conversation.updated',
  'note.mentioned',
]);

const add = (map: Map<string, Set<string>>, key: string, value: string) => {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
};

/** A conversation.updated after a reassignment names who had it before (InboxChange.formerlyAssigned). */
function formerOf(event: BusEvent): { userId: string | null; teamId: string | null } {
  const former = event.type === 'conversation.updated' ? event.formerlyAssigned : null;
  if (!former || typeof former !== 'object') return { userId: null, teamId: null };
  const { userId, teamId } = former as Record<string, unknown>;
  return {
    userId: typeof userId === 'string' ? userId : null,
    teamId: typeof teamId === 'string' ? teamId : null,
  };
}

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
    const formerTeamsOf = new Map<string, Set<string>>();
    for (const e of batch) {
      if (!CONVERSATION_EVENTS.has(String(e.type)) || typeof e.conversationId !== 'string') continue;
      add(conversationsOf, e.workspaceId, e.conversationId);
      const formerTeam = formerOf(e).teamId;
      if (formerTeam) add(formerTeamsOf, e.workspaceId, formerTeam);
    }
    const allowed = new Map<string, Map<string, Set<string>>>();
    const formerTeams = new Map<string, Map<string, Set<string>>>();
    await Promise.all(
      [...conversationsOf].map(async ([workspaceId, conversations]) => {
        const agents = deps.hub
          .clients(workspaceId)
          .filter((c) => c.role === 'agent')
          .map((c) => c.userId);
        const [visible, teams] = await Promise.all([
          agentsWhoMaySee(deps.db, workspaceId, [...conversations], agents),
          teamMembersAmong(deps.db, workspaceId, [...(formerTeamsOf.get(workspaceId) ?? [])], agents),
        ]);
        allowed.set(workspaceId, visible);
        formerTeams.set(workspaceId, teams);
      }),
    );
    for (const busEvent of batch) {
      const { workspaceId, formerlyAssigned: _, ...event } = busEvent;
      if (WORKSPACE_EVENTS.has(String(event.type))) {
        deps.hub.push(workspaceId, event);
        continue;
      }
      if (typeof event.conversationId !== 'string') continue;
      const agents = allowed.get(workspaceId)?.get(event.conversationId);
      // Whoever just lost the conversation (its former assignee or team) hears that it changed.
      const former = formerOf(busEvent);
      const formerTeam = former.teamId ? formerTeams.get(workspaceId)?.get(former.teamId) : undefined;
      const lostIt = (c: RealtimeClient) => c.userId === former.userId || formerTeam?.has(c.userId) === true;
      const maySee = (c: RealtimeClient) => c.role !== 'agent' || agents?.has(c.userId) === true || lostIt(c);
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
