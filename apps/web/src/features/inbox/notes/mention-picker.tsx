import type { Member } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';

type MentionPickerProps = {
  items: Member[];
  activeIndex: number;
  isLoading: boolean;
  onPick: (member: Member) => void;
  onHover: (index: number) => void;
};

/** The `@` list above a note draft; the textarea keeps focus and drives it with the arrows. */
export function MentionPicker({ items, activeIndex, isLoading, onPick, onHover }: MentionPickerProps) {
  const { t } = useTranslation();
  return (
    <div
      data-testid="mention-picker"
      className="absolute right-0 bottom-full left-0 z-20 mb-2 max-h-72 overflow-y-auto rounded-xl border border-amber-200 bg-white p-1 shadow-lg dark:border-amber-900 dark:bg-neutral-900"
    >
      <p className="px-3 pt-1.5 pb-1 text-xs font-medium text-neutral-500 dark:text-neutral-400">
        {t('threadView.mentionPicker')}
      </p>
      {items.length === 0 ? (
        <p className="px-3 pb-2 text-sm text-neutral-500">
          {isLoading ? t('threadView.mentionLoading') : t('threadView.mentionEmpty')}
        </p>
      ) : (
        <div id="mention-options" role="listbox" aria-label={t('threadView.mentionPicker')}>
          {items.map((member, index) => (
            <div
              key={member.userId}
              id={`mention-option-${member.userId}`}
              role="option"
              aria-selected={index === activeIndex}
              tabIndex={-1}
              data-testid="mention-option"
              // Keep the textarea focused: choosing happens on mouse down.
              onMouseDown={(event) => {
                event.preventDefault();
                onPick(member);
              }}
              onMouseEnter={() => onHover(index)}
              className={cn(
                'flex cursor-pointer items-center gap-2.5 rounded-lg px-3 py-2 text-sm',
                index === activeIndex
                  ? 'bg-amber-100 dark:bg-amber-900/50'
                  : 'hover:bg-neutral-100 dark:hover:bg-neutral-800',
              )}
            >
              <span
                aria-hidden
                className="flex size-7 shrink-0 items-center justify-center rounded-full bg-amber-200 text-xs font-semibold text-amber-900 dark:bg-amber-800 dark:text-amber-100"
              >
                {member.name.trim().charAt(0).toUpperCase() || '?'}
              </span>
              <span className="min-w-0">
                <span className="block truncate font-medium" data-testid="mention-option-name">
                  {member.name}
                </span>
                <span className="block truncate text-xs text-neutral-500 dark:text-neutral-400">
                  {member.email}
                </span>
              </span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
