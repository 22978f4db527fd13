import { useSyncExternalStore } from 'react';
import { onRealtimeEvent, onRealtimeReady } from '../../../lib/realtime-channel';

/** Who views and types in each conversation, as the server last said (user ids, me included). */
export type ConversationPresence = { viewing: readonly string[]; typing: readonly string[] };

const empty: ConversationPresence = { viewing: [], typing: [] };
let byConversation = new Map<string, ConversationPresence>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

export function applyPresence(conversationId: string, presence: ConversationPresence): void {
  const next = new Map(byConversation);
  if (presence.viewing.length === 0 && presence.typing.length === 0) next.delete(conversationId);
  else next.set(conversationId, presence);
  byConversation = next;
  changed();
}

/** On every (re)connection the server resends what is current: forget what the gap made stale. */
export function resetPresence(): void {
  byConversation = new Map();
  changed();
}

onRealtimeEvent((event) => {
  if (event.type === 'presence.updated') applyPresence(event.conversationId, event);
});
onRealtimeReady(resetPresence);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The others (not `me`) viewing and typing in a conversation. */
export function othersIn(presence: ConversationPresence | undefined, me: string): ConversationPresence {
  if (!presence) return empty;
  return {
    viewing: presence.viewing.filter((id) => id !== me),
    typing: presence.typing.filter((id) => id !== me),
  };
}

export const presenceOf = (conversationId: string | undefined): ConversationPresence | undefined =>
  conversationId ? byConversation.get(conversationId) : undefined;

export function useConversationPresence(
  conversationId: string | undefined,
): ConversationPresence | undefined {
  return useSyncExternalStore(subscribe, () => presenceOf(conversationId));
}
