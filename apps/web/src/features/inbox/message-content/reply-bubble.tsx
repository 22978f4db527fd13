import { useTranslation } from 'react-i18next';
import type { ReplyContent } from './content-types';

/** The customer tapped a button or a list row: what they chose, like WhatsApp shows it. */
export function ReplyBubble({ content }: { content: ReplyContent }) {
  const { t } = useTranslation();
  return (
    <div data-testid="reply-bubble" data-kind={content.kind} className="max-w-72">
      <p className="text-[11px] text-neutral-500 dark:text-neutral-400">{t(`inbox.reply.${content.kind}`)}</p>
      <p className="font-medium [overflow-wrap:anywhere]">
        <span aria-hidden>↩ </span>
        {content.title}
      </p>
      {content.description ? (
        <p className="text-sm text-neutral-600 [overflow-wrap:anywhere] dark:text-neutral-300">
          {content.description}
        </p>
      ) : null}
    </div>
  );
}
