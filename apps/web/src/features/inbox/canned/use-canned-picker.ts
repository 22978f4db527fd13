import type { CannedResponse, CannedValues } from '@charla/contracts';
import type { KeyboardEvent } from 'react';
import { useState } from 'react';
import { useCannedResponses } from './canned.api';
import { fillCanned, filterCanned, slashQueryOf } from './canned-text';

/**
 * The state of the `/` picker for a draft: open while the draft is `/word` (until Escape), the
 * filtered list, the highlighted row, and the keys it takes from the textarea.
 */
export function useCannedPicker(text: string, values: CannedValues, onInsert: (text: string) => void) {
  const query = slashQueryOf(text);
  const [dismissedFor, setDismissedFor] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const isOpen = query !== null && dismissedFor !== text;
  const canned = useCannedResponses(query !== null);
  const items = isOpen ? filterCanned(canned.data?.items ?? [], query ?? '') : [];
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));

  const pick = (item: CannedResponse) => {
    setActive(0);
    onInsert(fillCanned(item, values));
  };

  /** True when the picker used the key (the composer must not act on it). */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!isOpen) return false;
    if (event.key === 'Escape') {
      setDismissedFor(text);
      return true;
    }
    if (items.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + items.length) % items.length);
      return true;
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
      const item = items[activeIndex];
      if (item) pick(item);
      return true;
    }
    return false;
  };

  return {
    isOpen,
    items,
    activeIndex,
    isLoading: canned.isPending,
    activeId: items[activeIndex]?.id ?? null,
    setActive,
    pick,
    onKeyDown,
  };
}
