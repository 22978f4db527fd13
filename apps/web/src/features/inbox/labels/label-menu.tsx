import type { Conversation } from '@charla/contracts';
import { Check, Settings, Tag } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cn } from '../../../lib/cn';
import { buttonClasses } from '../../../ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../../ui/dropdown-menu';
import { canManageMembers, useSession } from '../../auth/require-auth';
import { LabelDot } from './label-chip';
import { useLabels, useToggleLabel } from './labels.api';

/** The thread header's label menu: tick a workspace label to put it on the conversation. */
export function LabelMenu({
  conversation,
  onError,
}: {
  conversation: Conversation;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const { role } = useSession();
  const labels = useLabels();
  const toggle = useToggleLabel(conversation.id);
  const applied = new Set(conversation.labels.map((l) => l.id));

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={cn(buttonClasses('ghost', 'sm'), 'gap-1.5')}
        data-testid="label-menu"
        aria-label={t('labels.menu')}
        title={t('labels.menu')}
      >
        <Tag aria-hidden className="size-4" />
        <span className="hidden text-xs lg:inline">{t('labels.menu')}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="max-h-80 overflow-y-auto">
        <DropdownMenuLabel>{t('labels.menu')}</DropdownMenuLabel>
        {(labels.data ?? []).map((label) => {
          const on = applied.has(label.id);
          return (
            <DropdownMenuItem
              key={label.id}
              data-testid="label-option"
              data-label={label.name}
              aria-checked={on}
              role="menuitemcheckbox"
              onSelect={(event) => {
                // Keep the menu open: several labels are often set in a row.
                event.preventDefault();
                toggle.mutate({ labelId: label.id, on: !on }, { onError });
              }}
            >
              <LabelDot color={label.color} className="size-2.5" />
              <span className="min-w-0 flex-1 truncate">{label.name}</span>
              {on ? <Check aria-hidden className="size-4 text-brand-600" /> : null}
            </DropdownMenuItem>
          );
        })}
        {labels.data?.length === 0 ? (
          <p className="px-2.5 py-2 text-sm text-neutral-500">{t('labels.none')}</p>
        ) : null}
        {canManageMembers(role) ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem asChild>
              <Link to="/settings/labels" data-testid="label-manage">
                <Settings aria-hidden className="size-4" />
                {t('labels.manage')}
              </Link>
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
