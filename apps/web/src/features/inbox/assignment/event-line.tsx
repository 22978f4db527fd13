import type { ConversationEvent } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../lib/format';
import { describeEvent, shownNote } from './describe-event';

/** A change to the conversation as a centred grey line between the messages. */
export function EventLine({ event }: { event: ConversationEvent }) {
  const { t, i18n } = useTranslation();
  const text = describeEvent(event, (key, options) => t(key, options ?? {}) as string);
  const note = shownNote(event);
  return (
    <div className="my-1 flex justify-center" data-testid="conversation-event" data-kind={event.kind}>
      <p className="max-w-[90%] rounded-lg bg-neutral-100/90 px-3 py-1 text-center text-xs text-neutral-600 dark:bg-neutral-800/80 dark:text-neutral-400">
        <span>{text}</span>
        {note ? <span className="italic"> · {note}</span> : null}
        <time dateTime={event.at} className="ml-2 text-[11px] text-neutral-400 dark:text-neutral-500">
          {formatTime(event.at, i18n.language)}
        </time>
      </p>
    </div>
  );
}
