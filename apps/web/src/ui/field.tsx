import type { ReactNode } from 'react';
import { Label } from './label';

type FieldProps = { id: string; label: string; hint?: string; error?: string | null; children: ReactNode };

/** A label, its control, and a hint or an error below it (linked through aria-describedby by the caller). */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-neutral-500 dark:text-neutral-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
