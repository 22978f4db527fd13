import { useLayoutEffect, useRef, useState } from 'react';
import { countNewSince, nextPinned } from './stick-to-bottom';

/**
 * Keeps a thread at its newest message: when it opens, while images and other previews load
 * and grow, when the composer or the window changes size, and when messages arrive. Once the
 * agent scrolls up it lets go and counts the messages that arrive meanwhile; `jumpToLatest`
 * goes back down. The agent's own send (`pendingCount` grows) always goes back down.
 */
const toBottom = (element: HTMLElement, behavior: ScrollBehavior = 'instant') =>
  element.scrollTo({ top: element.scrollHeight, behavior });

export function useStickToBottom(messageIds: string[], pendingCount: number) {
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const [contentElement, setContentElement] = useState<HTMLDivElement | null>(null);
  const [isPinned, setIsPinned] = useState(true);
  const pinnedRef = useRef(true);
  const previousTopRef = useRef(0);
  const lastId = messageIds.at(-1) ?? null;
  const seenIdRef = useRef<string | null>(lastId);
  const pendingRef = useRef(pendingCount);

  const pin = (value: boolean) => {
    pinnedRef.current = value;
    setIsPinned(value);
  };

  // Anything growing or shrinking (an image decoding, the composer getting taller, a rotated
  // phone) keeps the newest message in view while pinned.
  useLayoutEffect(() => {
    if (!scrollElement || !contentElement) return;
    toBottom(scrollElement);
    const observer = new ResizeObserver(() => {
      if (pinnedRef.current) toBottom(scrollElement);
    });
    observer.observe(scrollElement);
    observer.observe(contentElement);
    return () => observer.disconnect();
  }, [scrollElement, contentElement]);

  const lastKey = `${lastId ?? ''}:${pendingCount}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the newest message changes
  useLayoutEffect(() => {
    if (pendingCount > pendingRef.current) pin(true);
    pendingRef.current = pendingCount;
    if (pinnedRef.current) {
      seenIdRef.current = lastId;
      if (scrollElement) toBottom(scrollElement);
    }
  }, [lastKey, scrollElement]);

  const onScroll = () => {
    if (!scrollElement) return;
    const pinned = nextPinned(pinnedRef.current, scrollElement, previousTopRef.current);
    previousTopRef.current = scrollElement.scrollTop;
    if (pinned) seenIdRef.current = lastId;
    if (pinned !== pinnedRef.current) pin(pinned);
  };

  const jumpToLatest = () => {
    if (!scrollElement) return;
    pin(true);
    seenIdRef.current = lastId;
    const isReduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    toBottom(scrollElement, isReduced ? 'instant' : 'smooth');
  };

  /** Lets go of the bottom, e.g. before showing a search result further up. */
  const release = () => pin(false);

  return {
    scrollRef: setScrollElement,
    contentRef: setContentElement,
    onScroll,
    isPinned,
    newCount: isPinned ? 0 : countNewSince(messageIds, seenIdRef.current),
    jumpToLatest,
    release,
  };
}
