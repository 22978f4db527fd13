import { Lock, Timer } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { splitMinutes, type WindowState } from './conversation-window';

/** "Window open · 23 h 12 min left" or "Window closed". */
export function WindowIndicator({ state }: { state: WindowState }) {
  const { t } = useTranslation();
  const isEndingSoon = state.isOpen && state.minutesLeft !== null && state.minutesLeft < 60;

  let label: string;
  if (!state.isOpen) label = t('inbox.window.closed');
  else if (state.minutesLeft === null) label = t('inbox.window.open');
  else {
    const { hours, minutes } = splitMinutes(state.minutesLeft);
    const left =
      hours > 0
        ? t('inbox.window.hoursMinutes', { hours, minutes })
        : minutes > 0
          ? t('inbox.window.minutes', { minutes })
          : t('inbox.window.lessThanAMinute');
    label = t('inbox.window.openLeft', { left });
  }

  return (
    <span
      data-testid="window-indicator"
      data-open={state.isOpen ? 'true' : 'false'}
      title={t('inbox.window.explainer')}
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        !state.isOpen
          ? 'bg-neutral-100 text-neutral-600 ring-neutral-200 dark:bg-neutral-800 dark:text-neutral-300 dark:ring-neutral-700'
          : isEndingSoon
            ? 'bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800'
            : 'bg-brand-50 text-brand-700 ring-brand-200 dark:bg-brand-950 dark:text-brand-300 dark:ring-brand-800',
      )}
    >
      {state.isOpen ? <Timer aria-hidden className="size-3.5" /> : <Lock aria-hidden className="size-3.5" />}
      {label}
    </span>
  );
}
