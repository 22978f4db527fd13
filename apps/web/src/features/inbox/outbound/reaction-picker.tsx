import { X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { quickReactions } from './message-actions';

type ReactionPickerProps = {
  current: string | null;
  align: 'start' | 'end';
  onPick: (emoji: string) => void;
  onClose: () => void;
};

/** WhatsApp's quick reactions above the bubble; picking the current one again, or "remove", clears it. */
export function ReactionPicker({ current, align, onPick, onClose }: ReactionPickerProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [onClose]);

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={t('inbox.menu.reactions')}
      data-testid="reaction-picker"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
      className={cn(
        'absolute -top-11 z-20 flex items-center gap-0.5 rounded-full border border-neutral-200 bg-white p-1 shadow-lg',
        'dark:border-neutral-700 dark:bg-neutral-800',
        align === 'end' ? 'right-0' : 'left-0',
      )}
    >
      {quickReactions.map((emoji) => (
        <button
          key={emoji}
          type="button"
          data-emoji={emoji}
          aria-pressed={current === emoji}
          aria-label={t('inbox.menu.reactWith', { emoji })}
          onClick={() => onPick(current === emoji ? '' : emoji)}
          className={cn(
            'flex size-9 items-center justify-center rounded-full text-xl transition-transform hover:scale-110 hover:bg-neutral-100 dark:hover:bg-neutral-700',
            current === emoji && 'bg-neutral-200 dark:bg-neutral-600',
          )}
        >
          {emoji}
        </button>
      ))}
      <button
        type="button"
        data-testid="reaction-remove"
        disabled={!current}
        onClick={() => onPick('')}
        aria-label={t('inbox.menu.removeReaction')}
        title={t('inbox.menu.removeReaction')}
        className="flex size-9 items-center justify-center rounded-full text-neutral-500 hover:bg-neutral-100 disabled:opacity-40 dark:hover:bg-neutral-700"
      >
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}
