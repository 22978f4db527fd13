import * as DialogPrimitive from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../lib/cn';

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

type DialogContentProps = {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  size?: 'md' | 'lg' | 'xl';
  className?: string;
  /** A click outside does not close it (it shows something that cannot be shown again). */
  keepOnOutsideClick?: boolean;
};

export function DialogContent({
  title,
  description,
  children,
  size = 'md',
  className,
  keepOnOutsideClick = false,
}: DialogContentProps) {
  const { t } = useTranslation();
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-neutral-950/40 backdrop-blur-[1px]" />
      <DialogPrimitive.Content
        className={cn(
          'fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col',
          'overflow-y-auto rounded-2xl border border-neutral-200 bg-white p-6 shadow-xl',
          'dark:border-neutral-800 dark:bg-neutral-900',
          { md: 'max-w-md', lg: 'max-w-lg', xl: 'max-w-4xl' }[size],
          className,
        )}
        {...(description ? {} : { 'aria-describedby': undefined })}
        {...(keepOnOutsideClick && { onInteractOutside: (event: Event) => event.preventDefault() })}
      >
        <div className="mb-4 flex items-start justify-between gap-4">
          <DialogPrimitive.Title className="text-lg font-semibold text-neutral-900 dark:text-neutral-50">
            {title}
          </DialogPrimitive.Title>
          <DialogPrimitive.Close
            className="-mt-1 -mr-2 rounded-md p-1.5 text-neutral-500 hover:bg-neutral-100 hover:text-neutral-800 dark:hover:bg-neutral-800 dark:hover:text-neutral-200"
            aria-label={t('common.close')}
          >
            <X className="size-4" aria-hidden />
          </DialogPrimitive.Close>
        </div>
        {description ? (
          <DialogPrimitive.Description className="mb-4 text-sm text-neutral-600 dark:text-neutral-400">
            {description}
          </DialogPrimitive.Description>
        ) : null}
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}
