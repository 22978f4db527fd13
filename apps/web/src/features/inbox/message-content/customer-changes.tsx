import type { Message } from '@charla/contracts';
import { PhoneIncoming, PhoneMissed, PhoneOff } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import type { ContentOf } from './content-types';

/** "3 min" / "45 s": how long a WhatsApp call lasted. */
export function callDuration(seconds: number, t: (key: string, o: { count: number }) => string): string {
  return seconds >= 60
    ? t('messageChanges.minutes', { count: Math.round(seconds / 60) })
    : t('messageChanges.seconds', { count: seconds });
}

/** What a call line says: missed, ended (with how long), or the customer's answer to a call request. */
export function callLine(
  content: ContentOf<'call'>,
  t: (key: string, o?: Record<string, unknown>) => string,
): string {
  if (content.event === 'ended' && content.durationSeconds !== null)
    return t('messageChanges.call.ended', {
      duration: callDuration(content.durationSeconds, (k, o) => t(k, o)),
    });
  return t(`messageChanges.call.${content.event === 'ended' ? 'missed' : content.event}`);
}

/** A WhatsApp call or call-permission answer: one readable line, and what Charla can (not) do. */
export function CallLine({ content }: { content: ContentOf<'call'> }) {
  const { t } = useTranslation();
  const Icon =
    content.event === 'missed'
      ? PhoneMissed
      : content.event === 'permission_declined'
        ? PhoneOff
        : PhoneIncoming;
  const isCall = content.event === 'missed' || content.event === 'ended';
  return (
    <span
      data-testid="call-line"
      data-event={content.event}
      className="inline-flex flex-col items-center gap-0.5"
    >
      <span className="inline-flex items-center gap-1.5 font-medium">
        <Icon aria-hidden className={cn('size-3.5', content.event === 'missed' && 'text-red-600')} />
        {callLine(content, t)}
      </span>
      {isCall ? (
        <span className="text-neutral-500 dark:text-neutral-400">{t('messageChanges.callNote')}</span>
      ) : null}
    </span>
  );
}

/** The line left where the customer deleted or edited a message (the original is marked too). */
export function changeNotice(content: ContentOf<'revoke'> | ContentOf<'edit'>, t: (key: string) => string) {
  return content.type === 'revoke' ? t('messageChanges.revokeNotice') : t('messageChanges.editNotice');
}

/**
 * The content of a message the customer deleted (struck through, dimmed, labelled: agents keep
 * what they saw) or edited (new text, "Edited", the previous text on demand).
 */
export function CustomerChanges({
  message,
  children,
}: {
  message: Pick<Message, 'deletedByCustomerAt' | 'edited'>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [isShowingPrevious, setIsShowingPrevious] = useState(false);
  const deleted = Boolean(message.deletedByCustomerAt);
  const edited = message.edited ?? null;
  if (!deleted && !edited) return <>{children}</>;
  return (
    <>
      <div
        data-testid={deleted ? 'deleted-content' : undefined}
        className={cn(deleted && 'line-through opacity-60')}
      >
        {children}
      </div>
      {deleted ? (
        <p
          data-testid="deleted-label"
          className="mt-0.5 text-xs text-neutral-500 italic dark:text-neutral-400"
        >
          {t('messageChanges.deleted')}
        </p>
      ) : null}
      {edited ? (
        <div className="mt-0.5 text-xs text-neutral-500 dark:text-neutral-400">
          <span data-testid="edited-label" className="italic">
            {t('messageChanges.edited')}
          </span>
          {edited.previousText !== null ? (
            <>
              {' · '}
              <button
                type="button"
                aria-expanded={isShowingPrevious}
                className="underline-offset-2 hover:underline"
                onClick={() => setIsShowingPrevious((v) => !v)}
              >
                {isShowingPrevious ? t('messageChanges.hidePrevious') : t('messageChanges.showPrevious')}
              </button>
              {isShowingPrevious ? (
                <p data-testid="previous-text" className="mt-0.5 [overflow-wrap:anywhere]">
                  {t('messageChanges.previous')} {edited.previousText}
                </p>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
