import type { Message } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { formatDayLabel } from '../../lib/format';
import { useSession } from '../auth/require-auth';
import { timeline } from './assignment/describe-event';
import { EventLine } from './assignment/event-line';
import { useThreadEvents } from './assignment/use-thread-events';
import type { PendingSend } from './inbox.api';
import { MessageBubble } from './message-bubble';
import { withNotes } from './notes/merge-notes';
import { NoteBubble } from './notes/note-bubble';
import { useThreadNotes } from './notes/notes.api';
import { pendingPreview } from './outbound/pending-preview';

type MessageListProps = {
  messages: Message[];
  pending: PendingSend[];
  now: Date;
  customerName: string | null;
  /** Reply / react from a bubble's menu (absent: no menu). */
  onReply?: (message: Message) => void;
};

/** A message still on its way to the API, drawn as a queued text bubble. */
function pendingMessage(pending: PendingSend): Message {
  const text = pendingPreview(pending.request);
  return {
    id: `pending-${pending.key}`,
    conversationId: '',
    direction: 'outbound',
    type: 'text',
    text,
    status: 'queued',
    error: null,
    senderName: null,
    createdAt: new Date(pending.key).toISOString(),
    content: { type: 'text', body: text },
    replyTo: null,
    reactions: [],
    forwarded: null,
    referral: null,
  };
}

/**
 * Bubbles with a day separator whenever the calendar day changes, and the conversation's events
 * (assignments, status changes) as grey lines in between. Outbound bubbles name their sender
 * when it was someone else (a teammate, a bot).
 */
export function MessageList({ messages, pending, now, customerName, onReply }: MessageListProps) {
  const { i18n } = useTranslation();
  const { user } = useSession();
  const events = useThreadEvents();
  const notes = useThreadNotes();
  const loadedIds = new Set(messages.map((message) => message.id));
  let previousDay = '';

  return (
    <ol className="flex flex-col gap-1.5">
      {withNotes(timeline(messages, events), notes).map((item) => {
        const day = new Date(item.at).toDateString();
        const isNewDay = day !== previousDay;
        previousDay = day;
        const separator = isNewDay ? (
          <div className="my-2 flex justify-center">
            <span className="rounded-lg bg-white/90 px-3 py-1 text-xs font-medium text-neutral-600 shadow-xs dark:bg-neutral-800/90 dark:text-neutral-300">
              {formatDayLabel(item.at, now, i18n.language)}
            </span>
          </div>
        ) : null;
        if (item.kind === 'note') {
          return (
            <li key={`note-${item.note.id}`} className="flex flex-col gap-1.5">
              {separator}
              <NoteBubble note={item.note} />
            </li>
          );
        }
        if (item.kind === 'event') {
          return (
            <li key={`event-${item.event.id}`} className="flex flex-col gap-1.5">
              {separator}
              <EventLine event={item.event} />
            </li>
          );
        }
        const { message } = item;
        return (
          <li key={message.id} className="flex flex-col gap-1.5">
            {separator}
            <MessageBubble
              message={message}
              senderName={message.senderName === user.name ? null : message.senderName}
              customerName={customerName}
              isQuotedLoaded={message.replyTo ? loadedIds.has(message.replyTo.id) : false}
              onReply={onReply}
              hasMenu
            />
          </li>
        );
      })}
      {pending.map((message) => (
        <li key={`pending-${message.key}`}>
          <MessageBubble message={pendingMessage(message)} />
        </li>
      ))}
    </ol>
  );
}
