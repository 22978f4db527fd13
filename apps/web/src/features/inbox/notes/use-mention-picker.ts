import type { Member } from '@charla/contracts';
import type { KeyboardEvent } from 'react';
import { useState } from 'react';
import { useSession } from '../../auth/require-auth';
import { useMembers } from '../../settings/settings.api';
import { filterMembers, insertMention, isCompleteMention, mentionQueryAt } from './mention-text';

const MAX_ITEMS = 8;

/**
 * The `@` member picker of a note draft: open while the caret follows `@word` (until Escape),
 * the matching members, the highlighted row, and the keys it takes from the textarea. Picking
 * writes `@Full Name `, which the server reads as a mention.
 */
export function useMentionPicker(opts: {
  text: string;
  caret: number;
  isEnabled: boolean;
  onInsert: (text: string, caret: number) => void;
}) {
  const { text, caret, isEnabled, onInsert } = opts;
  const { user } = useSession();
  const at = isEnabled ? mentionQueryAt(text, caret) : null;
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const members = useMembers();
  const items = at ? filterMembers(members.data ?? [], at.query, user.id).slice(0, MAX_ITEMS) : [];
  // Once a space is typed and nobody matches, the agent is writing on, not looking for a name.
  const isWritingOn =
    at !== null &&
    ((at.query.includes(' ') && items.length === 0 && !members.isPending) ||
      isCompleteMention(at.query, members.data ?? []));
  // Escape closes the picker for this `@` until the text before it changes.
  const atKey = at ? `${at.start}:${text.slice(0, at.start)}` : null;
  const isOpen = at !== null && !isWritingOn && dismissedAt !== atKey;
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));

  const pick = (member: Member) => {
    if (!at) return;
    setActive(0);
    const next = insertMention(text, at, caret, member.name);
    onInsert(next.text, next.caret);
  };

  /** True when the picker used the key (the composer must not act on it). */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!isOpen) return false;
    if (event.key === 'Escape') {
      setDismissedAt(atKey);
      return true;
    }
    if (items.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + items.length) % items.length);
      return true;
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && !event.nativeEvent.isComposing) {
      const member = items[activeIndex];
      if (member) pick(member);
      return true;
    }
    return false;
  };

  return {
    isOpen,
    items,
    activeIndex,
    isLoading: members.isPending,
    activeId: isOpen ? (items[activeIndex]?.userId ?? null) : null,
    setActive,
    pick,
    onKeyDown,
  };
}
