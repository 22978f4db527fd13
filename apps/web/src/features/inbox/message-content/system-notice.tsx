import type { Message } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import type { ContentOf } from './content-types';

type SystemNoticeProps = { message: Message; content: ContentOf<'system'> | ContentOf<'welcome'> };

/** Not a bubble: WhatsApp's centred grey line for things that happened in the chat. */
export function SystemNotice({ message, content }: SystemNoticeProps) {
  const { t } = useTranslation();
  return (
    <div
      data-testid="message"
      data-type={content.type}
      data-direction={message.direction}
      data-message-id={message.id}
      className="my-1 flex justify-center"
    >
      <p
        data-testid="system-notice"
        className="max-w-[85%] rounded-lg bg-white/90 px-3 py-1 text-center text-xs text-neutral-600 shadow-xs [overflow-wrap:anywhere] sm:max-w-[70%] dark:bg-neutral-800/90 dark:text-neutral-300"
      >
        {content.type === 'welcome' ? t('inbox.message.welcome') : content.body}
      </p>
    </div>
  );
}
