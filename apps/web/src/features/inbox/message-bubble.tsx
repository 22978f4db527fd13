import type { Message } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatTime } from '../../lib/format';
import { bubbleLayout, contentOf } from './message-content/content-of';
import { ForwardedLabel } from './message-content/forwarded-label';
import { MessageContent } from './message-content/message-content';
import { QuotedMessage } from './message-content/quoted-message';
import { Reactions } from './message-content/reactions';
import { ReferralBanner } from './message-content/referral-banner';
import { SystemNotice } from './message-content/system-notice';
import { MessageStatusIcon } from './message-status-icon';

type BubbleProps = {
  message: Message;
  /** Shown on outbound bubbles written by someone else (a teammate, a bot). */
  senderName?: string | null;
  customerName?: string | null;
  isQuotedLoaded?: boolean;
};

const layoutClasses = {
  default: 'px-2.5 pt-1.5 pb-1',
  media: 'p-1',
  sticker: 'p-0',
};

/** One chat bubble, dressed like WhatsApp's. Customer text is untrusted: rendered as text, never HTML. */
export function MessageBubble({
  message,
  senderName,
  customerName = null,
  isQuotedLoaded = false,
}: BubbleProps) {
  const { t, i18n } = useTranslation();
  const content = contentOf(message);
  const layout = bubbleLayout(content);
  if (content.type === 'system' || content.type === 'welcome') {
    return <SystemNotice message={message} content={content} />;
  }

  const { direction, status } = message;
  const isOutbound = direction === 'outbound';
  const isFailed = status === 'failed';
  const reactions = message.reactions ?? [];
  const isBare = layout === 'sticker';

  return (
    <div
      className={cn(
        'flex flex-col gap-1',
        isOutbound ? 'items-end' : 'items-start',
        reactions.length > 0 && 'mb-3',
      )}
    >
      <div
        data-testid="message"
        data-type={content.type}
        data-direction={direction}
        data-status={status ?? undefined}
        data-message-id={message.id}
        className={cn(
          'relative max-w-[85%] rounded-xl text-[15px] leading-snug sm:max-w-[70%]',
          layoutClasses[layout === 'notice' ? 'default' : layout],
          isBare
            ? ''
            : isOutbound
              ? 'rounded-tr-sm bg-bubble-out text-neutral-900 shadow-xs dark:bg-bubble-out-dark dark:text-neutral-50'
              : 'rounded-tl-sm bg-white text-neutral-900 shadow-xs dark:bg-neutral-800 dark:text-neutral-50',
          isFailed && 'ring-1 ring-red-300 dark:ring-red-800',
        )}
      >
        <div className={layout === 'media' ? 'px-1.5 pt-0.5 empty:hidden' : 'empty:hidden'}>
          {message.referral ? <ReferralBanner referral={message.referral} /> : null}
          {message.forwarded ? <ForwardedLabel forwarded={message.forwarded} /> : null}
          {isOutbound && senderName ? (
            <p className="mb-0.5 text-xs font-medium text-brand-700 dark:text-brand-300">{senderName}</p>
          ) : null}
        </div>
        {message.replyTo ? (
          <QuotedMessage quoted={message.replyTo} customerName={customerName} isLoaded={isQuotedLoaded} />
        ) : null}
        <MessageContent content={content} />
        <div
          className={cn(
            'mt-0.5 flex items-center justify-end gap-1 text-[11px] text-neutral-500 dark:text-neutral-400',
            layout === 'media' && 'px-1.5',
            isBare &&
              'w-fit self-end rounded-full bg-white/90 px-1.5 shadow-xs ml-auto dark:bg-neutral-800/90',
          )}
        >
          <time dateTime={message.createdAt}>{formatTime(message.createdAt, i18n.language)}</time>
          {isOutbound && status ? <MessageStatusIcon status={status} /> : null}
        </div>
        <Reactions reactions={reactions} direction={direction} customerName={customerName} />
      </div>
      {isFailed ? (
        <p
          className="max-w-[85%] text-right text-xs text-red-600 sm:max-w-[70%] dark:text-red-400"
          role="note"
        >
          {message.error?.reason ?? t('inbox.message.failedUnknown')}
        </p>
      ) : null}
    </div>
  );
}
