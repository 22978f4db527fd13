import type { Conversation, Priority, UpdateConversationRequest } from '@charla/contracts';
import { Flag } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { buttonClasses } from '../../../ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from '../../../ui/dropdown-menu';
import { useUpdateConversation } from './assignment.api';

const priorities: Priority[] = ['none', 'low', 'medium', 'high', 'urgent'];
const flagClasses: Record<Priority, string> = {
  none: 'text-neutral-400',
  low: 'text-blue-500',
  medium: 'text-amber-500',
  high: 'text-orange-600',
  urgent: 'text-red-600',
};

/**
 * The server reads a PATCH without `snoozedUntil` on a snoozed conversation as a new snooze
 * without a time (it records a status event and drops the time), so the current snooze is resent.
 */
function priorityChange(conversation: Conversation, priority: Priority): UpdateConversationRequest {
  if (conversation.status === 'snoozed' && conversation.snoozedUntil)
    return { priority, status: 'snoozed', snoozedUntil: conversation.snoozedUntil };
  return { priority };
}

export function PriorityMenu({
  conversation,
  onError,
}: {
  conversation: Conversation;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateConversation(conversation.id);
  const { priority } = conversation;

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={cn(buttonClasses('ghost', 'sm'), 'gap-1.5')}
        data-testid="priority-menu"
        data-priority={priority}
        aria-label={`${t('assignment.priority.label')}: ${t(`assignment.priority.${priority}`)}`}
        title={`${t('assignment.priority.label')}: ${t(`assignment.priority.${priority}`)}`}
        disabled={update.isPending}
      >
        <Flag aria-hidden className={cn('size-4', flagClasses[priority])} />
        {priority === 'none' ? null : (
          <span className="hidden text-xs lg:inline">{t(`assignment.priority.${priority}`)}</span>
        )}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>{t('assignment.priority.label')}</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={priority}
          onValueChange={(value) =>
            update.mutate(priorityChange(conversation, value as Priority), { onError })
          }
        >
          {priorities.map((value) => (
            <DropdownMenuRadioItem key={value} value={value} data-testid={`priority-${value}`}>
              <Flag aria-hidden className={cn('size-3.5', flagClasses[value])} />
              {t(`assignment.priority.${value}`)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
