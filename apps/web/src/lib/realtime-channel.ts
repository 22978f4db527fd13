import type { RealtimeClientMessage, RealtimeEvent } from '@charla/contracts';

/**
 * The open realtime socket as seen by features: they hear its events (presence, mentions) and
 * send small frames on it (what this agent views and types). Kept outside React so any hook can
 * use it; lib/realtime.ts feeds it.
 */
type Listener = (event: RealtimeEvent) => void;

const listeners = new Set<Listener>();
const helloListeners = new Set<() => void>();
let sender: ((data: string) => void) | null = null;

export function onRealtimeEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called after every (re)connection once the server is ready: resend what the server must know. */
export function onRealtimeReady(listener: () => void): () => void {
  helloListeners.add(listener);
  return () => helloListeners.delete(listener);
}

export function emitRealtimeEvent(event: RealtimeEvent): void {
  for (const listener of listeners) listener(event);
}

export function emitRealtimeReady(send: (data: string) => void): void {
  sender = send;
  for (const listener of helloListeners) listener();
}

export function clearRealtimeSender(): void {
  sender = null;
}

/** Sends if a socket is open; presence is best effort (it is resent on reconnection). */
export function sendRealtime(message: RealtimeClientMessage): boolean {
  if (!sender) return false;
  try {
    sender(JSON.stringify(message));
    return true;
  } catch {
    return false;
  }
}
