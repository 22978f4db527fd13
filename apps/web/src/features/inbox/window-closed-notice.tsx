import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** Above the composer once the 24-hour window is closed: replies must be templates, notes still work. */
export function WindowClosedNotice() {
  const { t } = useTranslation();
  return (
    <div
      data-testid="window-closed-notice"
      role="status"
      className="flex gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>
        <p className="font-medium">{t('inbox.closedNotice.title')}</p>
        <p className="mt-0.5 text-amber-800 dark:text-amber-200/90">{t('inbox.closedNotice.body')}</p>
      </div>
    </div>
  );
}
