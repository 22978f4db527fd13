import { randomUUID } from 'node:crypto';

/** The browsers connected to this process, by workspace. */
export interface RealtimeSocket {
  send(data: string): void;
}

/** One open socket and who is behind it. */
export interface RealtimeClient {
  /** Unique per socket (a member may have several tabs open). */
  id: string;
  workspaceId: string;
  userId: string;
  role: string;
  socket: RealtimeSocket;
}

export interface RealtimeHub {
  add(client: Omit<RealtimeClient, 'id'>): RealtimeClient & { remove(): void };
  /** Sends to the workspace's sockets, or only to those `only` accepts. */
  push(workspaceId: string, event: object, only?: (client: RealtimeClient) => boolean): void;
  clients(workspaceId: string): RealtimeClient[];
  size(): number;
}

export function createRealtimeHub(): RealtimeHub {
  const sockets = new Map<string, Set<RealtimeClient>>();
  return {
    add(input) {
      const client: RealtimeClient = { ...input, id: randomUUID() };
      const set = sockets.get(client.workspaceId) ?? new Set<RealtimeClient>();
      sockets.set(client.workspaceId, set);
      set.add(client);
      return {
        ...client,
        remove() {
          set.delete(client);
          if (set.size === 0 && sockets.get(client.workspaceId) === set) sockets.delete(client.workspaceId);
        },
      };
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
    size: () => [...sockets.values()].reduce((n, s) => n + s.size, 0),
  };
}
