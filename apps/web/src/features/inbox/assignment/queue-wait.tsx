import { Hourglass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../lib/format';

type QueueWaitProps = { since: string; now: Date };

/** "En cola · 4 min": how long an unassigned conversation has waited in its team's queue. */
export function QueueWait({ since, now }: QueueWaitProps) {
  const { t, i18n } = useTranslation();
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 60_000));
  const time =
    minutes < 1
      ? t('inbox.queue.underMinute')
      : minutes < 60
        ? t('inbox.queue.minutes', { n: minutes })
        : minutes < 24 * 60
          ? t('inbox.queue.hours', { h: Math.floor(minutes / 60), m: minutes % 60 })
          : t('inbox.queue.days', { n: Math.floor(minutes / (24 * 60)) });
  return (
    <span
      data-testid="queue-wait"
      title={t('inbox.queue.since', { time: formatTime(since, i18n.language) })}
      className="inline-flex shrink-0 items-center gap-1 rounded-full bg-amber-50 px-1.5 py-px text-[11px] font-medium text-amber-800 ring-1 ring-amber-200 ring-inset dark:bg-amber-950/40 dark:text-amber-300 dark:ring-amber-800/60"
    >
      <Hourglass aria-hidden className="size-3" />
      {t('inbox.queue.waiting', { time })}
    </span>
  );
}
