import type { Thread } from '@charla/contracts';
import { AtSign, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { onRealtimeEvent } from '../../lib/realtime-channel';
import { useSession } from '../auth/require-auth';
import { NoteText } from '../inbox/notes/note-text';
import { beep, showNotification } from './alerts';
import { useComfortSettings } from './settings';

type Mention = {
  noteId: string;
  conversationId: string;
  author: string;
  body: string;
  mentionedUserIds: string[];
};

const TOAST_MS = 10_000;

/**
 * When someone @mentions this member in a note: a toast in the app and, per their comfort
 * settings ("mentions", on by default), a browser notification (if the browser allows them)
 * and the sound. Clicking either opens the conversation. The server sends the event to the
 * mentioned member only.
 */
export function MentionToasts() {
  const { t } = useTranslation();
  const { user } = useSession();
  const settings = useComfortSettings(user.id);
  const navigate = useNavigate();
  const [toasts, setToasts] = useState<Mention[]>([]);
  const latest = useRef({ settings, navigate, t });
  latest.current = { settings, navigate, t };

  useEffect(
    () =>
      onRealtimeEvent((event) => {
        if (event.type !== 'note.mentioned' || event.userId !== user.id) return;
        void describe(event.conversationId, event.noteId).then((mention) => {
          const { settings: current, navigate: go, t: translate } = latest.current;
          if (!current.mentions) return;
          setToasts((list) => [...list.filter((m) => m.noteId !== mention.noteId), mention].slice(-3));
          setTimeout(() => setToasts((list) => list.filter((m) => m.noteId !== mention.noteId)), TOAST_MS);
          showNotification(
            translate('comfort.mention.title', { name: mention.author }),
            mention.body,
            `charla-mention-${mention.noteId}`,
            () => go(`/inbox/${encodeURIComponent(mention.conversationId)}`),
          );
          if (current.sound) beep();
        });
      }),
    [user.id],
  );

  if (toasts.length === 0) return null;
  const close = (noteId: string) => setToasts((list) => list.filter((m) => m.noteId !== noteId));
  return (
    <div className="pointer-events-none fixed inset-x-3 bottom-28 z-50 flex flex-col items-end gap-2 md:right-4 md:left-auto">
      {toasts.map((m) => (
        <div
          key={m.noteId}
          role="status"
          data-testid="mention-toast"
          className="pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl border border-amber-200 bg-white p-3 shadow-lg dark:border-amber-900 dark:bg-neutral-900"
        >
          <span className="mt-0.5 rounded-full bg-amber-100 p-1.5 text-amber-700 dark:bg-amber-950 dark:text-amber-300">
            <AtSign aria-hidden className="size-4" />
          </span>
          <button
            type="button"
            className="min-w-0 flex-1 text-left"
            onClick={() => {
              close(m.noteId);
              navigate(`/inbox/${encodeURIComponent(m.conversationId)}`);
            }}
            data-testid="mention-toast-open"
          >
            <span className="block text-sm font-semibold">
              {t('comfort.mention.title', { name: m.author })}
            </span>
            <span className="line-clamp-2 block text-sm text-neutral-600 dark:text-neutral-300">
              <NoteText note={m} />
            </span>
            <span className="mt-1 block text-xs font-medium text-brand-700 dark:text-brand-300">
              {t('comfort.mention.open')}
            </span>
          </button>
          <button
            type="button"
            onClick={() => close(m.noteId)}
            aria-label={t('common.close')}
            className="rounded p-1 text-neutral-400 hover:text-neutral-700 dark:hover:text-neutral-200"
          >
            <X aria-hidden className="size-4" />
          </button>
        </div>
      ))}
    </div>
  );
}

/** Who wrote the note and what it says (the event carries ids only). */
async function describe(conversationId: string, noteId: string): Promise<Mention> {
  try {
    const thread = await api.get<Thread>(`/api/conversations/${encodeURIComponent(conversationId)}`);
    const note = thread.notes?.find((n) => n.id === noteId);
    return {
      noteId,
      conversationId,
      author: note?.author?.name ?? '…',
      body: note?.body ?? '',
      mentionedUserIds: note?.mentionedUserIds ?? [],
    };
  } catch {
    return { noteId, conversationId, author: '…', body: '', mentionedUserIds: [] };
  }
}
