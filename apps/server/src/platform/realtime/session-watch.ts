import type { RealtimeHub } from './realtime-hub';

export interface SessionWatchOptions {
  hub: RealtimeHub;
  /** Of these sessions, the live ones with their member's current role (modules/auth liveSessions). */
  live(sessionIds: string[]): Promise<Map<string, { role: string }>>;
  /** How often the sockets' sessions are checked; ended sessions are also announced at once. */
  intervalMs: number;
  log?: (err: unknown) => void;
}

/**
 * Closes the sockets of this process whose session is no longer live: expired, ended in a way
 * nobody announced (or announced while the socket was opening), member removed or deactivated,
 * or whose role changed (the socket's filters were chosen for the old role). One query per
 * check for all the sockets of the process.
 */
export function createSessionWatch(opts: SessionWatchOptions) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function checkOnce(): Promise<number> {
    const clients = opts.hub.all();
    if (clients.length === 0) return 0;
    const live = await opts.live([...new Set(clients.map((c) => c.sessionId))]);
    const checked = new Set(clients.map((c) => c.id));
    return opts.hub.close(
      (c) => checked.has(c.id) && live.get(c.sessionId)?.role !== c.role,
      'session ended',
    );
  }

  /** Checks now (a check already running is awaited instead); returns how many sockets closed. */
  function check(): Promise<number> {
    running ??= checkOnce().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    check,
    /** Closes the sockets of these sessions now (another process may have ended them). */
    ended(sessionIds: string[]): number {
      const ids = new Set(sessionIds);
      return opts.hub.close((c) => ids.has(c.sessionId), 'session ended');
    },
    start() {
      timer ??= setInterval(() => {
        check().catch((err) => opts.log?.(err));
      }, opts.intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type SessionWatch = ReturnType<typeof createSessionWatch>;
