import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/** How many older pages (50 messages each) a search result may load to reach its message. */
const MAX_PAGES = 20;

/**
 * `?message=<id>` (a search result): once the message is on screen, scroll to it and flash it;
 * while it is not loaded yet, load older pages. The parameter is dropped afterwards, so the
 * thread behaves normally again.
 */
export function useScrollToMessage(opts: {
  loadedIds: string[];
  hasOlder: boolean;
  isLoadingOlder: boolean;
  loadOlder: () => unknown;
  /** Called just before scrolling to the message (the thread stops following the newest one). */
  onScrollTo?: () => void;
}) {
  const [params, setParams] = useSearchParams();
  const target = params.get('message');
  const pagesLoaded = useRef(0);
  const isLoaded = target !== null && opts.loadedIds.includes(target);
  const { hasOlder, isLoadingOlder, loadOlder } = opts;
  const onScrollTo = useRef(opts.onScrollTo);
  onScrollTo.current = opts.onScrollTo;

  useEffect(() => {
    if (!target) return;
    if (!isLoaded) {
      if (hasOlder && !isLoadingOlder && pagesLoaded.current < MAX_PAGES) {
        pagesLoaded.current += 1;
        loadOlder();
      }
      return;
    }
    // After the thread has pinned itself to the newest message.
    const frame = requestAnimationFrame(() => {
      const element = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(target)}"]`);
      if (element) {
        onScrollTo.current?.();
        const isReduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        element.scrollIntoView({ block: 'center', behavior: isReduced ? 'auto' : 'smooth' });
        element.animate?.([{ outline: '3px solid rgb(251 191 36)' }, { outline: '3px solid transparent' }], {
          duration: 2000,
          easing: 'ease-out',
        });
      }
      pagesLoaded.current = 0;
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('message');
          return next;
        },
        { replace: true },
      );
    });
    return () => cancelAnimationFrame(frame);
  }, [target, isLoaded, hasOlder, isLoadingOlder, loadOlder, setParams]);
}
