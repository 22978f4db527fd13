import type { RealtimeEvent } from '@charla/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import { clearRealtimeSender, emitRealtimeEvent, emitRealtimeReady } from './realtime-channel';

export type RealtimeStatus = 'connecting' | 'open' | 'reconnecting';

const baseDelayMs = 1_000;
const maxDelayMs = 30_000;

/** Exponential backoff with jitter: about 1 s, 2 s, 4 s ... capped at 30 s. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function realtimeUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/realtime`;
}

/** Events carry ids only: refetch whatever they concern. */
export function applyRealtimeEvent(queryClient: QueryClient, event: RealtimeEvent): void {
  switch (event.type) {
    case 'message.created':
    case 'message.updated':
    case 'conversation.updated':
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
      void queryClient.invalidateQueries({ queryKey: queryKeys.thread(event.conversationId) });
      return;
    case 'channel.updated':
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
      return;
    case 'template.updated':
      void queryClient.invalidateQueries({ queryKey: queryKeys.templates });
      return;
    case 'contact.updated':
      void queryClient.invalidateQueries({ queryKey: queryKeys.contact(event.contactId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactLists });
      return;
    case 'broadcast.updated':
      void queryClient.invalidateQueries({ queryKey: queryKeys.broadcasts });
      void queryClient.invalidateQueries({ queryKey: queryKeys.broadcast(event.broadcastId) });
      return;
  }
}

/**
 * Events published before the server subscribed this socket never reach it: after the first
 * connect as after a gap, refresh everything realtime keeps fresh.
 */
export function refreshOnSubscribed(queryClient: QueryClient): void {
  for (const queryKey of [
    queryKeys.conversations,
    queryKeys.threads,
    queryKeys.channels,
    queryKeys.templates,
    queryKeys.allBroadcasts,
    queryKeys.contactLists,
    queryKeys.contactProfiles,
  ]) {
    void queryClient.invalidateQueries({ queryKey });
  }
}

/** Checks frames by hand instead of with RealtimeEventSchema, which would ship zod to the browser. */
export function parseRealtimeFrame(data: unknown): RealtimeEvent | null {
  if (typeof data !== 'string') return null;
  let frame: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed !== 'object' || parsed === null) return null;
    frame = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const { type, conversationId, messageId, channelId, noteId, userId, viewing, typing } = frame;
  const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
  switch (type) {
    case 'message.created':
    case 'message.updated':
      return isId(conversationId) && isId(messageId) ? { type, conversationId, messageId } : null;
    case 'conversation.updated':
      return isId(conversationId) ? { type, conversationId } : null;
    case 'channel.updated':
      return isId(channelId) ? { type, channelId } : null;
    case 'template.updated':
      return isId(frame.templateId) ? { type, templateId: frame.templateId } : null;
    case 'contact.updated':
      return isId(frame.contactId) ? { type, contactId: frame.contactId } : null;
    case 'broadcast.updated':
      return parseBroadcastUpdated(frame);
    case 'presence.updated': {
      const ids = (value: unknown): value is string[] => Array.isArray(value) && value.every(isId);
      return isId(conversationId) && ids(viewing) && ids(typing)
        ? { type, conversationId, viewing, typing }
        : null;
    }
    case 'note.mentioned':
      return isId(conversationId) && isId(noteId) && isId(userId)
        ? { type, conversationId, noteId, userId }
        : null;
    default:
      return null;
  }
}

type ConnectOptions = {
  url: string;
  onEvent: (event: RealtimeEvent) => void;
  onStatus: (status: RealtimeStatus) => void;
  /** The server has subscribed this socket (its "hello"): what happened before was not sent. */
  onSubscribed: () => void;
  /** The server closed the socket because its session ended (logout elsewhere, expiry, removal...). */
  onSessionEnded?: () => void;
};

/** The close code the server uses when the socket's session is gone. */
export const SESSION_ENDED_CLOSE_CODE = 4401;

/** Keeps one WebSocket open, reconnecting with backoff. Returns a function that closes it for good. */
export function connectRealtime({
  url,
  onEvent,
  onStatus,
  onSubscribed,
  onSessionEnded,
}: ConnectOptions): () => void {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hasConnectedBefore = false;
  let isStopped = false;

  const open = () => {
    clearTimeout(timer);
    if (isStopped) return;
    onStatus(hasConnectedBefore ? 'reconnecting' : 'connecting');
    const current = new WebSocket(url);
    socket = current;
    current.onopen = () => {
      attempt = 0;
      onStatus('open');
      hasConnectedBefore = true;
    };
    current.onmessage = (message) => {
      if (isHello(message.data)) {
        onSubscribed();
        return emitRealtimeReady((data) => current.send(data));
      }
      const event = parseRealtimeFrame(message.data);
      if (!event) return;
      onEvent(event);
      emitRealtimeEvent(event);
    };
    current.onclose = (event) => {
      if (socket === current) clearRealtimeSender();
      if (isStopped || socket !== current) return;
      if (event?.code === SESSION_ENDED_CLOSE_CODE) onSessionEnded?.();
      hasConnectedBefore = true;
      onStatus('reconnecting');
      timer = setTimeout(open, reconnectDelay(attempt++));
    };
  };

  const onOnline = () => {
    if (socket?.readyState !== WebSocket.OPEN) open();
  };
  window.addEventListener('online', onOnline);
  open();

  return () => {
    isStopped = true;
    clearTimeout(timer);
    window.removeEventListener('online', onOnline);
    socket?.close();
  };
}

/** The counts ride along for other listeners; the browser only needs the id and refetches. */
function parseBroadcastUpdated(frame: Record<string, unknown>): RealtimeEvent | null {
  const { broadcastId, status, counts } = frame;
  if (typeof broadcastId !== 'string' || broadcastId === '' || typeof status !== 'string') return null;
  if (typeof counts !== 'object' || counts === null) return null;
  return { type: 'broadcast.updated', broadcastId, status, counts } as RealtimeEvent;
}

/** The server's first frame: it is ready to hear what this browser views. */
function isHello(data: unknown): boolean {
  if (typeof data !== 'string' || data.length > 100) return false;
  try {
    return (JSON.parse(data) as { type?: unknown }).type === 'hello';
  } catch {
    return false;
  }
}
