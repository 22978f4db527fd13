import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { createWokenWorker } from '../../../platform/woken-worker';
import type { InboxChange } from '../inbox.ports';
import { isComingOnline } from './pick-round-robin';
import { routeWaitingConversations } from './route-waiting';

/** Assignments per transaction; a workspace with more to hand out goes again at once. */
const BATCH = 100;
/** What no event announces (a member added to a team, a process that died before routing). */
const SWEEP_MS = 30_000;

/**
 * Drains the queues of the workspaces something happened in: woken when a member comes online,
 * when a conversation changes (resolved, unassigned, reassigned, snoozed: its assignee has room
 * again; or it starts waiting) and when the settings of automatic assignment change. Each
 * workspace is routed in its own transaction (`routeWaitingConversations`), and browsers are told
 * after commit. A slow sweep wakes every workspace with conversations waiting.
 */
export function createRoutingWorker(deps: {
  db: Database;
  clock: Clock;
  notify(changes: InboxChange[]): Promise<void>;
  log: { error(obj: object, msg?: string): void };
}) {
  const due = new Set<string>();
  let lastSweep = 0;
  const worker = createWokenWorker({
    drain: async () => {
      if (Date.now() - lastSweep >= SWEEP_MS) {
        lastSweep = Date.now();
        for (const w of await workspacesWaiting(deps.db)) due.add(w);
      }
      const [workspaceId] = due;
      if (!workspaceId) return { taken: 0, full: false };
      due.delete(workspaceId);
      const routed = await deps.db.transaction((query) =>
        routeWaitingConversations(query, workspaceId, { at: deps.clock.now(), limit: BATCH }),
      );
      if (routed.more) due.add(workspaceId);
      if (routed.changes.length > 0) await deps.notify(routed.changes);
      return { taken: routed.changes.length, full: due.size > 0 };
    },
    idleWaitMs: async () => Math.max(0, lastSweep + SWEEP_MS - Date.now()),
    onError: (err) => deps.log.error({ err }, 'routing worker error'),
  });
  const wake = (workspaceId: string) => {
    due.add(workspaceId);
    worker.wake();
  };
  return {
    start: worker.start,
    stop: worker.stop,
    wake,
    /** Conversations changed: any of them may have freed a place or started to wait. */
    conversationsChanged(changes: InboxChange[]) {
      for (const c of changes) if (c.kind === 'conversation.updated') due.add(c.workspaceId);
      if (due.size > 0) worker.wake();
    },
    /** A member was seen (API call, realtime socket): coming online, they may take conversations. */
    memberSeen(m: { workspaceId: string; lastSeenAt: Date | null; at: Date }) {
      if (isComingOnline(m.lastSeenAt, m.at)) wake(m.workspaceId);
    },
  };
}

export type RoutingWorker = ReturnType<typeof createRoutingWorker>;

async function workspacesWaiting(db: Database): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT w.id FROM workspaces w
      WHERE w.auto_assign AND EXISTS (
        SELECT 1 FROM conversations c
         WHERE c.workspace_id = w.id AND c.queued_at IS NOT NULL AND c.assignee_user_id IS NULL
           AND c.status IN ('open', 'pending'))`,
  );
  return rows.map((r) => r.id);
}
