import type { Message } from '@charla/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../lib/phone-number';
import type { ContentOf } from './content-types';
import { CallLine, changeNotice } from './customer-changes';

export type NoticeContent =
  | ContentOf<'system'>
  | ContentOf<'welcome'>
  | ContentOf<'call'>
  | ContentOf<'revoke'>
  | ContentOf<'edit'>;
type SystemNoticeProps = { message: Message; content: NoticeContent };

/** Content drawn as a centred line rather than a bubble. */
export const isNotice = (content: { type: string }): content is NoticeContent =>
  ['system', 'welcome', 'call', 'revoke', 'edit'].includes(content.type);

/** WhatsApp's own line in the reader's language; its English text stays as the tooltip. */
function systemLine(content: ContentOf<'system'>, t: TFunction): string {
  switch (content.event) {
    case 'number_changed':
      return content.newPhone
        ? t('inbox.message.numberChanged', { phone: formatPhone(content.newPhone) })
        : t('inbox.message.numberChangedNoPhone');
    case 'user_id_changed':
      return t('inbox.message.userIdChanged');
    case 'identity_changed':
      return t('inbox.message.identityChanged');
    default:
      return content.body;
  }
}

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
        {content.type === 'welcome' ? (
          t('inbox.message.welcome')
        ) : content.type === 'call' ? (
          <CallLine content={content} />
        ) : content.type === 'revoke' || content.type === 'edit' ? (
          changeNotice(content, t)
        ) : (
          <span title={content.body}>{systemLine(content, t)}</span>
        )}
      </p>
    </div>
  );
}
