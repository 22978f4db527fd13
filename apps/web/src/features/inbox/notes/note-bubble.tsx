import type { Note } from '@charla/contracts';
import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../lib/format';
import { automatedByLabel } from '../../automation/automated-by-label';
import { NoteText } from './note-text';

/** An internal note: yellow, with a lock, on its own line so it never reads as a sent message. */
export function NoteBubble({ note }: { note: Note }) {
  const { t, i18n } = useTranslation();
  const time = formatTime(note.createdAt, i18n.language);
  return (
    <div className="flex justify-center px-2">
      <div
        data-testid="note-bubble"
        className="w-full max-w-[85%] rounded-lg border border-amber-300 border-dashed bg-amber-50 px-3 py-2 text-sm text-amber-950 shadow-xs dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100"
      >
        <div className="mb-1 flex items-center gap-1.5 text-xs font-medium text-amber-800 dark:text-amber-300">
          <Lock aria-hidden className="size-3.5" />
          <span>{t('notes.label')}</span>
          <span aria-hidden>·</span>
          <span>
            {note.author?.name ??
              (note.automatedBy ? automatedByLabel(note.automatedBy, t) : t('notes.formerMember'))}
          </span>
          <time className="ml-auto tabular-nums" dateTime={note.createdAt}>
            {time}
          </time>
        </div>
        <p className="whitespace-pre-wrap break-words">
          <NoteText note={note} />
        </p>
      </div>
    </div>
  );
}
