import type { Message, Reaction } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';

type ReactionsProps = { reactions: Reaction[]; direction: Message['direction']; customerName: string | null };

/** The emoji pill hanging off the bubble's bottom corner: the customer's reaction and ours. */
export function Reactions({ reactions, direction, customerName }: ReactionsProps) {
  const { t } = useTranslation();
  if (reactions.length === 0) return null;
  return (
    <ul
      aria-label={t('inbox.message.reactions')}
      className={cn(
        'absolute -bottom-4 flex items-center gap-0.5 rounded-full border border-neutral-200 bg-white px-1.5 py-0.5 text-sm leading-none shadow-sm dark:border-neutral-700 dark:bg-neutral-800',
        direction === 'outbound' ? 'right-2' : 'left-2',
      )}
    >
      {reactions.map((reaction) => {
        const label =
          reaction.direction === 'outbound'
            ? t('inbox.message.reactedYou', { emoji: reaction.emoji })
            : t('inbox.message.reactedCustomer', {
                name: customerName ?? t('inbox.message.customer'),
                emoji: reaction.emoji,
              });
        return (
          <li
            key={`${reaction.direction}-${reaction.at}`}
            data-testid="reaction"
            data-direction={reaction.direction}
            title={label}
          >
            <span aria-hidden>{reaction.emoji}</span>
            <span className="sr-only">{label}</span>
          </li>
        );
      })}
    </ul>
  );
}
