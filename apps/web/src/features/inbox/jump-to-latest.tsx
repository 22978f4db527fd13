import { ArrowDown } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** Floats over the thread once the agent scrolled up; counts what arrived since. */
export function JumpToLatest({ count, onClick }: { count: number; onClick: () => void }) {
  const { t } = useTranslation();
  const label = count > 0 ? t('threadView.jumpToLatestCount', { count }) : t('threadView.jumpToLatest');
  return (
    <div className="pointer-events-none absolute inset-x-0 bottom-3 flex justify-center px-3">
      <button
        type="button"
        onClick={onClick}
        data-testid="jump-to-latest"
        data-count={count}
        className="pointer-events-auto inline-flex items-center gap-1.5 rounded-full border border-neutral-200 bg-white px-3.5 py-2 text-sm font-medium text-neutral-800 shadow-md hover:bg-neutral-50 focus-visible:ring-3 focus-visible:ring-brand-600/30 focus-visible:outline-none dark:border-neutral-700 dark:bg-neutral-800 dark:text-neutral-100 dark:hover:bg-neutral-700"
      >
        <ArrowDown aria-hidden className="size-4 text-brand-700 dark:text-brand-300" />
        {label}
      </button>
    </div>
  );
}
