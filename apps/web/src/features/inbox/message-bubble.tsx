import type { Message } from '@charla/contracts';
import { Bot } from 'lucide-react';
import { type PointerEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatTime } from '../../lib/format';
import { automatedByLabel } from '../automation/automated-by-label';
import { bubbleLayout, contentOf } from './message-content/content-of';
import { CustomerChanges } from './message-content/customer-changes';
import { ForwardedLabel } from './message-content/forwarded-label';
import { MessageContent } from './message-content/message-content';
import { QuotedMessage } from './message-content/quoted-message';
import { Reactions } from './message-content/reactions';
import { ReferralBanner } from './message-content/referral-banner';
import { isNotice, SystemNotice } from './message-content/system-notice';
import { MessageStatusIcon } from './message-status-icon';
import { FailureNote } from './outbound/failure-note';
import { ownReaction } from './outbound/message-actions';
import { MessageMenu } from './outbound/message-menu';
import { useReactToMessage } from './outbound/outbound.api';
import { ReactionPicker } from './outbound/reaction-picker';

type BubbleProps = {
  message: Message;
  /** Shown on outbound bubbles written by someone else (a teammate, a bot). */
  senderName?: string | null;
  customerName?: string | null;
  isQuotedLoaded?: boolean;
  /** Quote this message in the composer; absent when nothing can be sent (Reply and React greyed). */
  onReply?: (message: Message) => void;
  /** Pending bubbles and previews have no menu. */
  hasMenu?: boolean;
};

const longPressMs = 500;

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
  onReply,
  hasMenu: wantsMenu = false,
}: BubbleProps) {
  const { t, i18n } = useTranslation();
  const [isMenuOpen, setIsMenuOpen] = useState(false);
  const [isPicking, setIsPicking] = useState(false);
  const longPress = useRef<number | undefined>(undefined);
  const react = useReactToMessage(message.conversationId);
  const content = contentOf(message);
  const layout = bubbleLayout(content);
  if (isNotice(content)) {
    return <SystemNotice message={message} content={content} />;
  }

  const { direction, status } = message;
  const isOutbound = direction === 'outbound';
  const isFailed = status === 'failed';
  const reactions = message.reactions ?? [];
  const isBare = layout === 'sticker';
  const hasMenu = wantsMenu && !message.id.startsWith('pending-');

  // Touch screens have no hover: a long press opens the menu, as on a phone.
  const onPointerDown = (event: PointerEvent) => {
    if (!hasMenu || event.pointerType !== 'touch') return;
    longPress.current = window.setTimeout(() => setIsMenuOpen(true), longPressMs);
  };
  const cancelLongPress = () => window.clearTimeout(longPress.current);

  return (
    <div
      className={cn(
        'flex flex-col gap-1',
        isOutbound ? 'items-end' : 'items-start',
        reactions.length > 0 && 'mb-3',
      )}
    >
      <div className={cn('group flex w-full items-center gap-1', isOutbound && 'flex-row-reverse')}>
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
          onPointerDown={onPointerDown}
          onPointerUp={cancelLongPress}
          onPointerMove={cancelLongPress}
          onPointerCancel={cancelLongPress}
        >
          {isPicking ? (
            <ReactionPicker
              current={ownReaction(message)}
              align={isOutbound ? 'end' : 'start'}
              onClose={() => setIsPicking(false)}
              onPick={(emoji) => {
                setIsPicking(false);
                react.mutate({ messageId: message.id, emoji });
              }}
            />
          ) : null}
          <div className={layout === 'media' ? 'px-1.5 pt-0.5 empty:hidden' : 'empty:hidden'}>
            {message.referral ? <ReferralBanner referral={message.referral} /> : null}
            {message.forwarded ? <ForwardedLabel forwarded={message.forwarded} /> : null}
            {isOutbound && message.automatedBy ? (
              <p
                className="mb-0.5 flex items-center gap-1 text-xs font-medium text-violet-700 dark:text-violet-300"
                data-testid="message-automated-by"
              >
                <Bot aria-hidden className="size-3.5" />
                {automatedByLabel(message.automatedBy, t)}
              </p>
            ) : isOutbound && senderName ? (
              <p className="mb-0.5 text-xs font-medium text-brand-700 dark:text-brand-300">{senderName}</p>
            ) : null}
          </div>
          {message.replyTo ? (
            <QuotedMessage quoted={message.replyTo} customerName={customerName} isLoaded={isQuotedLoaded} />
          ) : null}
          <CustomerChanges message={message}>
            <MessageContent content={content} />
          </CustomerChanges>
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
        {hasMenu ? (
          <MessageMenu
            message={message}
            isOpen={isMenuOpen}
            onOpenChange={setIsMenuOpen}
            onReply={onReply}
            onReact={() => setIsPicking(true)}
          />
        ) : null}
      </div>
      {isFailed ? <FailureNote error={message.error} /> : null}
    </div>
  );
}
