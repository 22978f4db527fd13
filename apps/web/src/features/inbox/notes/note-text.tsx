import type { Note } from '@charla/contracts';
import { useMembers } from '../../settings/settings.api';
import { noteSegments } from './mention-text';

/**
 * A note's words with the members it mentions highlighted. Plain React text nodes: the body is
 * whatever a teammate typed and is never parsed as HTML.
 */
export function NoteText({ note }: { note: Pick<Note, 'body' | 'mentionedUserIds'> }) {
  const members = useMembers();
  const mentionable = (members.data ?? []).map((m) => ({ id: m.userId, name: m.name }));
  const segments =
    note.mentionedUserIds.length > 0
      ? noteSegments(note.body, mentionable, note.mentionedUserIds)
      : [{ text: note.body, userIds: null }];
  return (
    <>
      {segments.map((segment, index) =>
        segment.userIds ? (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder
            key={index}
            data-testid="note-mention"
            className="rounded bg-amber-200/90 px-0.5 font-semibold text-amber-950 dark:bg-amber-700/70 dark:text-amber-50"
          >
            {segment.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
