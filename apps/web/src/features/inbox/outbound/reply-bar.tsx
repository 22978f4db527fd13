import type { Message } from '@charla/contracts';
import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { listPreview } from '../message-content/message-preview';

type ReplyBarProps = { message: Message; customerName: string | null; onCancel: () => void };

/** Above the composer while replying: whose message is quoted and what it said. */
export function ReplyBar({ message, customerName, onCancel }: ReplyBarProps) {
  const { t } = useTranslation();
  const isOurs = message.direction === 'outbound';
  const who = isOurs ? t('inbox.message.you') : (customerName ?? t('inbox.message.customer'));
  const preview = listPreview(message.type, message.text);
  const text = preview.text ?? (preview.label ? t(`inbox.preview.${preview.label}`) : '');

  return (
    <div
      data-testid="reply-bar"
      data-reply-to={message.id}
      className="flex items-stretch gap-2 rounded-xl bg-white p-1.5 shadow-xs dark:bg-neutral-800"
    >
      <div
        className={`min-w-0 flex-1 rounded-md border-l-4 bg-black/[0.04] px-2 py-1 dark:bg-white/[0.06] ${
          isOurs ? 'border-brand-500' : 'border-violet-500'
        }`}
      >
        <p
          className={`text-xs font-semibold ${isOurs ? 'text-brand-700 dark:text-brand-300' : 'text-violet-700 dark:text-violet-300'}`}
        >
          {t('inbox.replyBar.replyingTo', { name: who })}
        </p>
        <p className="truncate text-[13px] text-neutral-600 dark:text-neutral-300">
          {preview.icon ? `${preview.icon} ` : ''}
          {text}
        </p>
      </div>
      <button
        type="button"
        onClick={onCancel}
        aria-label={t('inbox.replyBar.cancel')}
        title={t('inbox.replyBar.cancel')}
        data-testid="reply-cancel"
        className="flex w-8 items-center justify-center rounded-md text-neutral-500 hover:bg-neutral-100 dark:hover:bg-neutral-700"
      >
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}
