import { cn } from '../../../lib/cn';

/** Customer text as text: React escapes it; long words and links wrap instead of overflowing. */
export function MessageText({ text, className }: { text: string; className?: string }) {
  return <p className={cn('break-words whitespace-pre-wrap [overflow-wrap:anywhere]', className)}>{text}</p>;
}

/** A caption under media, inset like the text of a normal bubble. */
export function Caption({ text }: { text: string | null }) {
  return text ? <MessageText text={text} className="px-1.5 pt-1" /> : null;
}
