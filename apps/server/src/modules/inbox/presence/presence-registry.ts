/**
 * Who is connected, viewing and typing, per socket, for every Charla process (each process
 * keeps its own copy, fed by the event bus). Pure: time is passed in.
 */
export interface PresenceSignal {
  connectionId: string;
  workspaceId: string;
  userId: string;
  /** viewing: on screen (stops typing); typing: typing now; refresh: still there; gone: socket closed. */
  state: 'viewing' | 'typing' | 'refresh' | 'gone';
  conversationId: string | null;
}

export interface PresenceState {
  viewing: string[];
  typing: string[];
}

export interface ConversationRef {
  workspaceId: string;
  conversationId: string;
}

interface Entry {
  workspaceId: string;
  userId: string;
  conversationId: string | null;
  typingUntil: number;
  /** Dropped after this unless refreshed: a process that died cannot say its sockets closed. */
  liveUntil: number;
}

export interface PresenceTimes {
  typingMs: number;
  liveMs: number;
}

export function createPresenceRegistry(times: PresenceTimes) {
  const entries = new Map<string, Entry>();
  const ref = (e: Entry): ConversationRef[] =>
    e.conversationId ? [{ workspaceId: e.workspaceId, conversationId: e.conversationId }] : [];

  return {
    /** Applies a signal; returns the conversations whose state may have changed. */
    apply(s: PresenceSignal, now: number): ConversationRef[] {
      const before = entries.get(s.connectionId);
      if (s.state === 'gone') {
        entries.delete(s.connectionId);
        return before ? ref(before) : [];
      }
      const sameConversation = before?.conversationId === s.conversationId;
      const typingUntil =
        s.state === 'typing'
          ? now + times.typingMs
          : s.state === 'refresh' && sameConversation
            ? (before?.typingUntil ?? 0)
            : 0;
      const entry: Entry = {
        workspaceId: s.workspaceId,
        userId: s.userId,
        conversationId: s.conversationId,
        typingUntil,
        liveUntil: now + times.liveMs,
      };
      entries.set(s.connectionId, entry);
      return dedupe([...(before && !sameConversation ? ref(before) : []), ...ref(entry)]);
    },

    /** Ends typing that was not repeated and sockets not refreshed; returns what changed. */
    expire(now: number): ConversationRef[] {
      const changed: ConversationRef[] = [];
      for (const [id, e] of entries) {
        if (e.liveUntil <= now) {
          entries.delete(id);
          changed.push(...ref(e));
        } else if (e.typingUntil !== 0 && e.typingUntil <= now) {
          e.typingUntil = 0;
          changed.push(...ref(e));
        }
      }
      return dedupe(changed);
    },

    state(workspaceId: string, conversationId: string, now: number): PresenceState {
      const viewing = new Set<string>();
      const typing = new Set<string>();
      for (const e of entries.values()) {
        if (e.workspaceId !== workspaceId || e.conversationId !== conversationId) continue;
        viewing.add(e.userId);
        if (e.typingUntil > now) typing.add(e.userId);
      }
      return { viewing: [...viewing].sort(), typing: [...typing].sort() };
    },

    /** Conversations someone of the workspace has open. */
    conversations(workspaceId: string): string[] {
      const ids = new Set<string>();
      for (const e of entries.values())
        if (e.workspaceId === workspaceId && e.conversationId) ids.add(e.conversationId);
      return [...ids];
    },

    /** Whether the member has the app open anywhere (any process, any tab). */
    isConnected(workspaceId: string, userId: string): boolean {
      for (const e of entries.values()) if (e.workspaceId === workspaceId && e.userId === userId) return true;
      return false;
    },
  };
}

export type PresenceRegistry = ReturnType<typeof createPresenceRegistry>;

function dedupe(refs: ConversationRef[]): ConversationRef[] {
  const seen = new Map(refs.map((r) => [`${r.workspaceId}/${r.conversationId}`, r]));
  return [...seen.values()];
}
