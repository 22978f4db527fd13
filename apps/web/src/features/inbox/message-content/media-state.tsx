import type { Media } from '@charla/contracts';
import { CircleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { Spinner } from '../../../ui/spinner';

/**
 * Stands in for media that is not ready: a skeleton while Charla downloads it from WhatsApp,
 * the reason when that failed.
 */
export function MediaUnavailable({ media, className }: { media: Media; className?: string }) {
  const { t } = useTranslation();
  if (media.state === 'pending') {
    return (
      <div
        data-testid="media-pending"
        role="status"
        className={cn(
          'flex min-h-24 animate-pulse items-center justify-center gap-2 rounded-lg bg-neutral-200/80 px-4 py-6 text-sm text-neutral-600 dark:bg-neutral-700/60 dark:text-neutral-300',
          className,
        )}
      >
        <Spinner className="size-4" />
        {t('inbox.media.downloading')}
      </div>
    );
  }
  return (
    <div
      data-testid="media-failed"
      role="note"
      className={cn(
        'flex items-start gap-2 rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-700 dark:bg-red-950/50 dark:text-red-300',
        className,
      )}
    >
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span className="[overflow-wrap:anywhere]">
        {media.error ? t('inbox.media.failed', { reason: media.error }) : t('inbox.media.failedUnknown')}
      </span>
    </div>
  );
}
