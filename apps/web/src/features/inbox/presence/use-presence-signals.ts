import { useCallback, useEffect, useRef } from 'react';
import { onRealtimeReady, sendRealtime } from '../../../lib/realtime-channel';

/** The browser repeats "typing" this often while keys are pressed; the server forgets it ~6 s after the last. */
export const TYPING_EVERY_MS = 3_000;

/**
 * Tells the server which conversation this tab shows (and none once it leaves it); said again
 * after every reconnection. Closing the tab closes the socket, which ends it too.
 */
export function useViewingSignal(conversationId: string | undefined): void {
  useEffect(() => {
    if (!conversationId) return;
    const say = () => sendRealtime({ type: 'presence.viewing', conversationId });
    say();
    const stop = onRealtimeReady(say);
    return () => {
      stop();
      sendRealtime({ type: 'presence.viewing', conversationId: null });
    };
  }, [conversationId]);
}

/**
 * `onType` for the composer: sends "typing" at most every 3 s; `onSent` ends it at once (a
 * "viewing" again) so the others do not wait for it to expire.
 */
export function useTypingSignal(conversationId: string | undefined): {
  onType: () => void;
  onSent: () => void;
} {
  const last = useRef(0);
  const onType = useCallback(() => {
    if (!conversationId) return;
    const now = Date.now();
    if (now - last.current < TYPING_EVERY_MS) return;
    last.current = now;
    sendRealtime({ type: 'presence.typing', conversationId });
  }, [conversationId]);
  const onSent = useCallback(() => {
    if (!conversationId || last.current === 0) return;
    last.current = 0;
    sendRealtime({ type: 'presence.viewing', conversationId });
  }, [conversationId]);
  return { onType, onSent };
}
