import type { LabelHTMLAttributes } from 'react';
import { cn } from '../lib/cn';

type LabelProps = LabelHTMLAttributes<HTMLLabelElement> & { htmlFor: string };

export function Label({ className, htmlFor, children, ...props }: LabelProps) {
  return (
    <label
      htmlFor={htmlFor}
      className={cn('text-sm font-medium text-neutral-800 dark:text-neutral-200', className)}
      {...props}
    >
      {children}
    </label>
  );
}
