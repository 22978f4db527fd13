import type { Label, LabelColor } from '@charla/contracts';
import { cn } from '../../../lib/cn';

/** Each palette colour as a chip (light and dark) and as a swatch. */
export const LABEL_CLASSES: Record<LabelColor, { chip: string; dot: string }> = {
  gray: {
    chip: 'bg-neutral-100 text-neutral-700 dark:bg-neutral-800 dark:text-neutral-300',
    dot: 'bg-neutral-400',
  },
  red: { chip: 'bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300', dot: 'bg-red-500' },
  orange: {
    chip: 'bg-orange-50 text-orange-700 dark:bg-orange-950 dark:text-orange-300',
    dot: 'bg-orange-500',
  },
  amber: { chip: 'bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300', dot: 'bg-amber-500' },
  green: {
    chip: 'bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300',
    dot: 'bg-emerald-500',
  },
  teal: { chip: 'bg-teal-50 text-teal-700 dark:bg-teal-950 dark:text-teal-300', dot: 'bg-teal-500' },
  blue: { chip: 'bg-sky-50 text-sky-700 dark:bg-sky-950 dark:text-sky-300', dot: 'bg-sky-500' },
  indigo: {
    chip: 'bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300',
    dot: 'bg-indigo-500',
  },
  purple: {
    chip: 'bg-purple-50 text-purple-700 dark:bg-purple-950 dark:text-purple-300',
    dot: 'bg-purple-500',
  },
  pink: { chip: 'bg-pink-50 text-pink-700 dark:bg-pink-950 dark:text-pink-300', dot: 'bg-pink-500' },
};

/** The palette in order (the same as `LABEL_COLORS` in packages/contracts, without importing zod). */
export const LABEL_PALETTE = Object.keys(LABEL_CLASSES) as LabelColor[];

export function LabelDot({ color, className }: { color: LabelColor; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn('inline-block size-2 shrink-0 rounded-full', LABEL_CLASSES[color].dot, className)}
    />
  );
}

export function LabelChip({ label, className }: { label: Label; className?: string }) {
  return (
    <span
      data-testid="label-chip"
      className={cn(
        'inline-flex max-w-40 items-center gap-1 rounded-full px-1.5 py-px text-[11px] font-medium',
        LABEL_CLASSES[label.color].chip,
        className,
      )}
    >
      <LabelDot color={label.color} className="size-1.5" />
      <span className="truncate">{label.name}</span>
    </span>
  );
}

/** A row of chips; shows the first `max` and "+n". */
export function LabelChips({ labels, max = 3 }: { labels: Label[]; max?: number }) {
  if (labels.length === 0) return null;
  const rest = labels.length - max;
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-1" data-testid="label-chips">
      {labels.slice(0, max).map((label) => (
        <LabelChip key={label.id} label={label} />
      ))}
      {rest > 0 ? <span className="text-[11px] text-neutral-500">+{rest}</span> : null}
    </span>
  );
}
