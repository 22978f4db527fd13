import type { Conversation } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cn } from '../../lib/cn';
import { formatListTime } from '../../lib/format';
import { Avatar } from '../../ui/avatar';
import { QueueWait } from './assignment/queue-wait';
import { contactLabel } from './contact-label';
import { LabelChips } from './labels/label-chip';
import { listPreview } from './message-content/message-preview';
import { MessageStatusIcon } from './message-status-icon';
import { PresenceMarker } from './presence/presence-bar';

type ConversationItemProps = { conversation: Conversation; isSelected: boolean; now: Date };

export function ConversationItem({ conversation, isSelected, now }: ConversationItemProps) {
  const { t, i18n } = useTranslation();
  const { contact, lastMessage, unreadCount } = conversation;
  const name = contactLabel(contact) ?? t('inbox.unknownContact');
  const hasUnread = unreadCount > 0;
  const line = lastMessage ? listPreview(lastMessage.type, lastMessage.text) : null;
  const icon = line?.icon ?? null;
  const preview = !lastMessage
    ? t('inbox.list.noMessages')
    : (line?.text ??
      (line?.label
        ? t(`inbox.preview.${line.label}`)
        : t('inbox.message.nonText', { type: lastMessage.type })));

  return (
    <Link
      to={`/inbox/${conversation.id}`}
      data-testid="conversation-item"
      data-unread={unreadCount}
      aria-current={isSelected ? 'page' : undefined}
      className={cn(
        'flex gap-3 border-b border-neutral-100 px-4 py-3 transition-colors dark:border-neutral-800/70',
        isSelected
          ? 'bg-brand-50/70 dark:bg-brand-950/50'
          : 'hover:bg-neutral-50 dark:hover:bg-neutral-800/50',
      )}
    >
      <Avatar label={name} seed={contact.id} className="size-11" />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline justify-between gap-2">
          <span className={cn('truncate text-[15px]', hasUnread ? 'font-semibold' : 'font-medium')}>
            {name}
          </span>
          <time
            dateTime={conversation.lastActivityAt}
            className={cn(
              'shrink-0 text-xs',
              hasUnread
                ? 'font-medium text-brand-600 dark:text-brand-400'
                : 'text-neutral-500 dark:text-neutral-400',
            )}
          >
            {formatListTime(conversation.lastActivityAt, now, i18n.language)}
          </time>
        </div>
        <div className="mt-0.5 flex items-center gap-1">
          {lastMessage?.direction === 'outbound' && lastMessage.status ? (
            <MessageStatusIcon status={lastMessage.status} />
          ) : null}
          <span
            className={cn(
              'min-w-0 flex-1 truncate text-sm',
              hasUnread ? 'text-neutral-800 dark:text-neutral-200' : 'text-neutral-500 dark:text-neutral-400',
              !line?.text && !line?.label && 'italic',
            )}
            data-testid="conversation-preview"
          >
            {icon ? (
              <span aria-hidden className="mr-1">
                {icon}
              </span>
            ) : null}
            {preview}
          </span>
          {hasUnread ? (
            <span className="ml-1 inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-brand-400 px-1.5 text-[11px] font-semibold text-white dark:text-neutral-950">
              <span aria-hidden>{unreadCount > 99 ? '99+' : unreadCount}</span>
              <span className="sr-only">{t('inbox.list.unread', { count: unreadCount })}</span>
            </span>
          ) : null}
        </div>
        <div className="mt-0.5 flex min-w-0 items-center gap-1.5">
          <p className="shrink-0 truncate text-[11px] text-neutral-400 dark:text-neutral-500">
            {conversation.channelName}
          </p>
          {conversation.waitingSince ? <QueueWait since={conversation.waitingSince} now={now} /> : null}
          <LabelChips labels={conversation.labels ?? []} max={2} />
          <span className="ml-auto shrink-0">
            <PresenceMarker conversationId={conversation.id} />
          </span>
        </div>
      </div>
    </Link>
  );
}
