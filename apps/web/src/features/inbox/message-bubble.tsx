import type { Message, MessageStatus } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatTime } from '../../lib/format';
import { MessageStatusIcon } from './message-status-icon';

type BubbleProps = {
  direction: Message['direction'];
  status: MessageStatus | null;
  text: string | null;
  type: string;
  createdAt: string;
  senderName?: string | null;
  errorReason?: string | null;
};

/** One chat bubble. Customer text is untrusted: rendered as plain text, never as HTML. */
export function MessageBubble({
  direction,
  status,
  text,
  type,
  createdAt,
  senderName,
  errorReason,
}: BubbleProps) {
  const { t, i18n } = useTranslation();
  const isOutbound = direction === 'outbound';
  const isFailed = status === 'failed';

  return (
    <div className={cn('flex flex-col gap-1', isOutbound ? 'items-end' : 'items-start')}>
      <div
        data-testid="message"
        data-direction={direction}
        data-status={status ?? undefined}
        className={cn(
          'relative max-w-[85%] rounded-xl px-3 pt-1.5 pb-1 text-[15px] leading-snug shadow-xs sm:max-w-[70%]',
          isOutbound
            ? 'rounded-tr-sm bg-bubble-out text-neutral-900 dark:bg-bubble-out-dark dark:text-neutral-50'
            : 'rounded-tl-sm bg-white text-neutral-900 dark:bg-neutral-800 dark:text-neutral-50',
          isFailed && 'ring-1 ring-red-300 dark:ring-red-800',
        )}
      >
        {isOutbound && senderName ? (
          <p className="mb-0.5 text-xs font-medium text-brand-700 dark:text-brand-300">{senderName}</p>
        ) : null}
        {type !== 'text' ? (
          <p className="mb-0.5 text-xs text-neutral-500 italic dark:text-neutral-400">
            {t('inbox.message.nonText', { type })}
          </p>
        ) : null}
        {text !== null ? (
          <p className="break-words whitespace-pre-wrap [overflow-wrap:anywhere]">{text}</p>
        ) : type === 'text' ? (
          <p className="text-neutral-500 italic">{t('inbox.message.empty')}</p>
        ) : null}
        <div className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-neutral-500 dark:text-neutral-400">
          <time dateTime={createdAt}>{formatTime(createdAt, i18n.language)}</time>
          {isOutbound && status ? <MessageStatusIcon status={status} /> : null}
        </div>
      </div>
      {isFailed ? (
        <p
          className="max-w-[85%] text-right text-xs text-red-600 sm:max-w-[70%] dark:text-red-400"
          role="note"
        >
          {errorReason ?? t('inbox.message.failedUnknown')}
        </p>
      ) : null}
    </div>
  );
}
