import { cn } from '../../lib/cn';

/** A labelled progressbar; `tone` amber while paused or waiting, so a stalled bar does not look broken. */
export function ProgressBar(props: {
  percent: number;
  label: string;
  tone?: 'brand' | 'amber';
  size?: 'sm' | 'md';
}) {
  const { percent, label, tone = 'brand', size = 'md' } = props;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid="broadcast-progress"
      className={cn(
        'w-full overflow-hidden rounded-full bg-neutral-200 dark:bg-neutral-800',
        size === 'sm' ? 'h-1.5' : 'h-3',
      )}
    >
      <div
        className={cn(
          'h-full rounded-full transition-[width] duration-500',
          tone === 'amber' ? 'bg-amber-500' : 'bg-brand-600',
        )}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
