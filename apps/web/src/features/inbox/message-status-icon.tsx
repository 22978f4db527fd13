import type { MessageStatus } from '@charla/contracts';
import { Check, CheckCheck, CircleExclamationPoint, Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';

/** WhatsApp's ticks: clock until Meta has it, one grey tick sent, two grey delivered, two blue read. */
export function MessageStatusIcon({ status, className }: { status: MessageStatus; className?: string }) {
  const { t } = useTranslation();
  const label = t(`inbox.status.${status}`);
  const iconClass = cn('size-4 shrink-0', className);
  const icon = (() => {
    switch (status) {
      case 'queued':
      case 'accepted':
        return <Clock aria-hidden className={cn(iconClass, 'size-3.5 text-neutral-400')} />;
      case 'sent':
        return <Check aria-hidden className={cn(iconClass, 'text-neutral-400')} />;
      case 'delivered':
        return <CheckCheck aria-hidden className={cn(iconClass, 'text-neutral-400')} />;
      case 'read':
        return <CheckCheck aria-hidden className={cn(iconClass, 'text-tick-read')} />;
      case 'failed':
        return (
          <CircleExclamationPoint aria-hidden className={cn(iconClass, 'text-red-600 dark:text-red-400')} />
        );
    }
  })();
  return (
    <span className="inline-flex" title={label} data-testid="message-status-icon">
      {icon}
      <span className="sr-only">{label}</span>
    </span>
  );
}
