/** The browsers connected to this process, by workspace. */
export interface RealtimeSocket {
  send(data: string): void;
}

export interface RealtimeHub {
  add(workspaceId: string, socket: RealtimeSocket): () => void;
  push(workspaceId: string, event: object): void;
  size(): number;
}

export function createRealtimeHub(): RealtimeHub {
  const sockets = new Map<string, Set<RealtimeSocket>>();
  return {
    add(workspaceId, socket) {
      const set = sockets.get(workspaceId) ?? new Set<RealtimeSocket>();
      sockets.set(workspaceId, set);
      set.add(socket);
      return () => {
        set.delete(socket);
        if (set.size === 0) sockets.delete(workspaceId);
      };
    },
    push(workspaceId, event) {
      const set = sockets.get(workspaceId);
      if (!set) return;
      const frame = JSON.stringify(event);
      for (const s of set) {
        try {
          s.send(frame);
        } catch {
          // A socket closing mid-send is not our problem to report.
        }
      }
    },
    size: () => [...sockets.values()].reduce((n, s) => n + s.size, 0),
  };
}
