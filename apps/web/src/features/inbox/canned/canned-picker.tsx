import type { CannedResponse } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';

type CannedPickerProps = {
  items: CannedResponse[];
  activeIndex: number;
  isLoading: boolean;
  onPick: (canned: CannedResponse) => void;
  onHover: (index: number) => void;
};

/** The `/` list above the composer; the textarea keeps focus and drives it with the arrows. */
export function CannedPicker({ items, activeIndex, isLoading, onPick, onHover }: CannedPickerProps) {
  const { t } = useTranslation();
  return (
    <div
      data-testid="canned-picker"
      className="absolute right-0 bottom-full left-0 z-20 mb-2 max-h-64 overflow-y-auto rounded-xl border border-neutral-200 bg-white p-1 shadow-lg dark:border-neutral-700 dark:bg-neutral-900"
    >
      {items.length === 0 ? (
        <p className="px-3 py-2 text-sm text-neutral-500">
          {isLoading ? t('canned.loading') : t('canned.empty')}
        </p>
      ) : (
        <div id="canned-options" role="listbox" aria-label={t('canned.title')}>
          {items.map((canned, index) => (
            <div
              key={canned.id}
              id={`canned-option-${canned.id}`}
              role="option"
              aria-selected={index === activeIndex}
              tabIndex={-1}
              data-testid="canned-item"
              // Keep the textarea focused: choosing happens on mouse down.
              onMouseDown={(event) => {
                event.preventDefault();
                onPick(canned);
              }}
              onMouseEnter={() => onHover(index)}
              className={cn(
                'cursor-pointer rounded-lg px-3 py-2 text-sm',
                index === activeIndex ? 'bg-brand-600/10 dark:bg-brand-600/25' : 'hover:bg-neutral-100',
              )}
            >
              <span className="font-medium">/{canned.shortcut}</span>
              <span className="block truncate text-neutral-500 dark:text-neutral-400">{canned.body}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
