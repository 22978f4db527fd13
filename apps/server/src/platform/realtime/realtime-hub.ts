import { randomUUID } from 'node:crypto';

/** The browsers connected to this process, by workspace. */
export interface RealtimeSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** One open socket and who is behind it. */
export interface RealtimeClient {
  /** Unique per socket (a member may have several tabs open). */
  id: string;
  workspaceId: string;
  userId: string;
  role: string;
  /** The session the socket was opened with: the socket closes when it ends. */
  sessionId: string;
  socket: RealtimeSocket;
}

/** Close code for a socket whose session ended (logout, expiry, removal, role change...). */
export const SESSION_ENDED_CLOSE_CODE = 4401;

export interface RealtimeHub {
  add(client: Omit<RealtimeClient, 'id'>): RealtimeClient & { remove(): void };
  /** Sends to the workspace's sockets, or only to those `only` accepts. */
  push(workspaceId: string, event: object, only?: (client: RealtimeClient) => boolean): void;
  clients(workspaceId: string): RealtimeClient[];
  /** Every socket of this process. */
  all(): RealtimeClient[];
  /**
   * Closes the sockets `which` accepts, at once: they receive nothing more, even before the
   * browser acknowledges the close. Returns how many closed.
   */
  close(which: (client: RealtimeClient) => boolean, reason: string): number;
  size(): number;
}

export function createRealtimeHub(): RealtimeHub {
  const sockets = new Map<string, Set<RealtimeClient>>();
  const detach = (client: RealtimeClient) => {
    const set = sockets.get(client.workspaceId);
    if (!set) return;
    set.delete(client);
    if (set.size === 0) sockets.delete(client.workspaceId);
  };
  return {
    add(input) {
      const client: RealtimeClient = { ...input, id: randomUUID() };
      const set = sockets.get(client.workspaceId) ?? new Set<RealtimeClient>();
      sockets.set(client.workspaceId, set);
      set.add(client);
      return { ...client, remove: () => detach(client) };
    },
    push(workspaceId, event, only) {
      const set = sockets.get(workspaceId);
      if (!set) return;
      const frame = JSON.stringify(event);
      for (const c of set) {
        if (only && !only(c)) continue;
        try {
          c.socket.send(frame);
        } catch {
          // A socket closing mid-send is not our problem to report.
        }
      }
    },
    clients: (workspaceId) => [...(sockets.get(workspaceId) ?? [])],
    all: () => [...sockets.values()].flatMap((s) => [...s]),
    close(which, reason) {
      let closed = 0;
      for (const set of [...sockets.values()]) {
        for (const c of [...set]) {
          if (!which(c)) continue;
          detach(c);
          closed++;
          try {
            c.socket.close(SESSION_ENDED_CLOSE_CODE, reason);
          } catch {
            // Already closing.
          }
        }
      }
      return closed;
    },
    size: () => [...sockets.values()].reduce((n, s) => n + s.size, 0),
  };
}
