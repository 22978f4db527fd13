import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { cn } from '../../lib/cn';
import { Button } from '../../ui/button';

/**
 * Copies `text`; says "Copied" for two seconds. Without a clipboard (plain HTTP), the element
 * `fallbackId` is focused so its text can be selected. `onDark`: a small button for a terminal's bar.
 */
export function CopyButton(props: {
  text: string;
  label: string;
  testId: string;
  /** What the button says for two seconds after copying ("Copied"). */
  copiedLabel: string;
  fallbackId?: string;
  onDark?: boolean;
}) {
  const [isCopied, setIsCopied] = useState(false);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setIsCopied(true);
      setTimeout(() => setIsCopied(false), 2_000);
    } catch {
      if (props.fallbackId) document.getElementById(props.fallbackId)?.focus();
    }
  };
  const content = (
    <>
      {isCopied ? (
        <Check aria-hidden className={cn('size-4', props.onDark ? 'text-brand-400' : 'text-brand-600')} />
      ) : (
        <Copy aria-hidden className={props.onDark ? 'size-3.5' : 'size-4'} />
      )}
      {isCopied ? props.copiedLabel : props.label}
    </>
  );
  if (props.onDark)
    return (
      <button
        type="button"
        onClick={onCopy}
        aria-live="polite"
        data-testid={props.testId}
        className="inline-flex h-7 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-neutral-300 hover:bg-neutral-800 hover:text-white focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
      >
        {content}
      </button>
    );
  return (
    <Button variant="secondary" onClick={onCopy} aria-live="polite" data-testid={props.testId}>
      {content}
    </Button>
  );
}
