import type { ComponentProps, InputHTMLAttributes, SelectHTMLAttributes } from 'react';
import { cn } from '../lib/cn';

const fieldBase =
  'w-full rounded-lg border border-neutral-300 bg-white text-sm text-neutral-900 shadow-xs transition-colors ' +
  'placeholder:text-neutral-400 focus:border-brand-600 focus:outline-none focus:ring-3 focus:ring-brand-600/15 ' +
  'disabled:opacity-60 aria-[invalid=true]:border-red-500 dark:border-neutral-700 dark:bg-neutral-900 ' +
  'dark:text-neutral-100 dark:placeholder:text-neutral-500';

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(fieldBase, 'h-10 px-3', className)} {...props} />;
}

/** A ref reaches the textarea (React 19 passes `ref` as a prop): callers place the caret. */
export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={cn(fieldBase, 'px-3 py-2', className)} {...props} />;
}

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cn(fieldBase, 'h-10 px-3', className)} {...props} />;
}
