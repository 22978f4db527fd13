import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import type { QuotedMessage as Quoted } from './content-types';

type QuotedMessageProps = { quoted: Quoted; customerName: string | null; isLoaded: boolean };

const highlight: Keyframe[] = [
  { boxShadow: '0 0 0 4px rgb(37 211 102 / 0.7)' },
  { boxShadow: '0 0 0 4px rgb(37 211 102 / 0.7)', offset: 0.6 },
  { boxShadow: '0 0 0 4px rgb(37 211 102 / 0)' },
];

/** Scrolls to the quoted bubble (when it is among the loaded messages) and flashes it. */
function jumpTo(messageId: string): void {
  const target = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
  if (!target) return;
  const isReduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'center', behavior: isReduced ? 'auto' : 'smooth' });
  target.animate(highlight, { duration: 1_600, easing: 'ease-out' });
}

/** The quote at the top of a WhatsApp reply: who wrote the original and what it said. */
export function QuotedMessage({ quoted, customerName, isLoaded }: QuotedMessageProps) {
  const { t } = useTranslation();
  const isOurs = quoted.direction === 'outbound';
  const who = isOurs ? t('inbox.message.you') : (customerName ?? t('inbox.message.customer'));
  const className = cn(
    'mb-1 block w-full min-w-40 rounded-md border-l-4 bg-black/[0.05] px-2 py-1 text-left dark:bg-white/[0.07]',
    isOurs ? 'border-brand-500' : 'border-violet-500',
    isLoaded && 'cursor-pointer hover:bg-black/[0.08] dark:hover:bg-white/[0.1]',
  );
  const body = (
    <>
      <span
        className={cn(
          'block text-xs font-semibold',
          isOurs ? 'text-brand-700 dark:text-brand-300' : 'text-violet-700 dark:text-violet-300',
        )}
      >
        {who}
      </span>
      <span className="line-clamp-3 text-[13px] text-neutral-600 [overflow-wrap:anywhere] dark:text-neutral-300">
        {quoted.preview}
      </span>
    </>
  );

  return isLoaded ? (
    <button
      type="button"
      data-testid="quoted-message"
      data-quoted-id={quoted.id}
      onClick={() => jumpTo(quoted.id)}
      title={t('inbox.message.jumpToQuoted')}
      className={className}
    >
      {body}
    </button>
  ) : (
    <div
      data-testid="quoted-message"
      data-quoted-id={quoted.id}
      title={t('inbox.message.quotedNotLoaded')}
      className={className}
    >
      {body}
    </div>
  );
}
