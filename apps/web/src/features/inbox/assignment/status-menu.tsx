import type { Conversation, ConversationStatus } from '@charla/contracts';
import { ChevronDown, Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatTime } from '../../../lib/format';
import { buttonClasses } from '../../../ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../../ui/dropdown-menu';
import { useUpdateConversation } from './assignment.api';
import { type SnoozePreset, snoozeUntil } from './snooze-presets';

const statuses: ConversationStatus[] = ['open', 'pending', 'resolved'];
const presets: SnoozePreset[] = ['1h', 'tomorrow', 'nextWeek'];
const statusTestIds: Record<string, string> = {
  open: 'status-open',
  pending: 'status-pending',
  resolved: 'status-resolve',
};
const dotClasses: Record<ConversationStatus, string> = {
  open: 'bg-green-500',
  pending: 'bg-amber-500',
  resolved: 'bg-neutral-400',
  snoozed: 'bg-blue-500',
};

export function snoozeLabel(iso: string, language: string): string {
  const when = new Date(iso);
  const isToday = when.toDateString() === new Date().toDateString();
  return isToday ? formatTime(iso, language) : `${formatDate(iso, language)} ${formatTime(iso, language)}`;
}

export function StatusMenu({
  conversation,
  onError,
}: {
  conversation: Conversation;
  onError: (e: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const update = useUpdateConversation(conversation.id);
  const { status, snoozedUntil } = conversation;
  const current =
    status === 'snoozed' && snoozedUntil
      ? t('assignment.status.snoozedUntil', { time: snoozeLabel(snoozedUntil, i18n.language) })
      : t(`assignment.status.${status}`);

  const setStatus = (next: ConversationStatus) => update.mutate({ status: next }, { onError });
  const snooze = (preset: SnoozePreset) =>
    update.mutate(
      { status: 'snoozed', snoozedUntil: snoozeUntil(preset, new Date()).toISOString() },
      { onError },
    );

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={`${buttonClasses('secondary', 'sm')} max-w-56 gap-1.5`}
        data-testid="status-menu"
        data-status={status}
        aria-label={t('assignment.status.label')}
        disabled={update.isPending}
      >
        {status === 'snoozed' ? (
          <Clock aria-hidden className="size-3.5 shrink-0 text-blue-600" />
        ) : (
          <span aria-hidden className={`size-2 shrink-0 rounded-full ${dotClasses[status]}`} />
        )}
        <span className="truncate">{current}</span>
        <ChevronDown aria-hidden className="size-3.5 shrink-0" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>{t('assignment.status.label')}</DropdownMenuLabel>
        {statuses.map((value) => (
          <DropdownMenuItem
            key={value}
            data-testid={statusTestIds[value]}
            disabled={value === status}
            onSelect={() => setStatus(value)}
          >
            <span aria-hidden className={`size-2 rounded-full ${dotClasses[value]}`} />
            {t(`assignment.status.set.${value}`)}
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t('assignment.snooze.label')}</DropdownMenuLabel>
        {presets.map((preset) => (
          <DropdownMenuItem key={preset} data-testid={`snooze-${preset}`} onSelect={() => snooze(preset)}>
            <Clock aria-hidden className="size-3.5 text-neutral-500" />
            {t(`assignment.snooze.${preset}`)}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
