import type { Message } from '@charla/contracts';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { ChevronDown, Copy, Forward, Reply, SmilePlus, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
} from '../../../ui/dropdown-menu';
import { canReferTo, copyableText } from './message-actions';

type MessageMenuProps = {
  message: Message;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  onReply?: (message: Message) => void;
  onReact: () => void;
};

/**
 * What an agent can do with a bubble, and, greyed with the reason, what WhatsApp's Business
 * API does not allow (forwarding, deleting), so nobody goes looking for it.
 */
export function MessageMenu({ message, isOpen, onOpenChange, onReply, onReact }: MessageMenuProps) {
  const { t } = useTranslation();
  const isReferable = canReferTo(message) && onReply !== undefined;
  const text = copyableText(message);

  return (
    <DropdownMenu open={isOpen} onOpenChange={onOpenChange} modal={false}>
      <Menu.Trigger
        data-testid="message-menu"
        aria-label={t('inbox.menu.open')}
        title={t('inbox.menu.open')}
        className={cn(
          'flex size-7 shrink-0 items-center justify-center rounded-full text-neutral-500 transition-opacity',
          'hover:bg-black/5 dark:text-neutral-400 dark:hover:bg-white/10',
          'opacity-0 group-hover:opacity-100 focus-visible:opacity-100 data-[state=open]:opacity-100',
          'pointer-coarse:opacity-60',
        )}
      >
        <ChevronDown aria-hidden className="size-4" />
      </Menu.Trigger>
      <DropdownMenuContent
        align={message.direction === 'outbound' ? 'end' : 'start'}
        className="w-72"
        data-testid="message-menu-content"
      >
        <DropdownMenuItem
          data-testid="menu-reply"
          className="data-[disabled]:opacity-50"
          disabled={!isReferable}
          onSelect={() => onReply?.(message)}
        >
          <Reply aria-hidden className="size-4" />
          {t('inbox.menu.reply')}
        </DropdownMenuItem>
        <DropdownMenuItem
          data-testid="menu-react"
          className="data-[disabled]:opacity-50"
          disabled={!isReferable}
          onSelect={onReact}
        >
          <SmilePlus aria-hidden className="size-4" />
          {t('inbox.menu.react')}
        </DropdownMenuItem>
        {text ? (
          <DropdownMenuItem
            data-testid="menu-copy"
            onSelect={() => void navigator.clipboard?.writeText(text)}
          >
            <Copy aria-hidden className="size-4" />
            {t('inbox.menu.copy')}
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuSeparator />
        <Unavailable
          testId="menu-forward"
          icon={<Forward aria-hidden className="size-4" />}
          label={t('inbox.menu.forward')}
          reason={t('inbox.menu.forwardReason')}
        />
        <Unavailable
          testId="menu-delete"
          icon={<Trash2 aria-hidden className="size-4" />}
          label={t('inbox.menu.delete')}
          reason={t('inbox.menu.deleteReason')}
        />
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

type UnavailableProps = { testId: string; icon: ReactNode; label: string; reason: string };

/**
 * Focusable (Radix skips truly disabled items, and keyboard users need to reach the reason)
 * but inert: selecting it keeps the menu open.
 */
function Unavailable({ testId, icon, label, reason }: UnavailableProps) {
  const reasonId = `${testId}-reason`;
  return (
    <DropdownMenuItem
      data-testid={testId}
      aria-disabled="true"
      aria-describedby={reasonId}
      title={reason}
      onSelect={(event) => event.preventDefault()}
      className="items-start text-neutral-400 data-[highlighted]:bg-neutral-50 dark:text-neutral-500 dark:data-[highlighted]:bg-neutral-800/60"
    >
      <span className="mt-0.5">{icon}</span>
      <span className="flex flex-col gap-0.5">
        <span className="line-through decoration-neutral-300 dark:decoration-neutral-600">{label}</span>
        <span id={reasonId} className="text-xs leading-snug text-neutral-500 dark:text-neutral-400">
          {reason}
        </span>
      </span>
    </DropdownMenuItem>
  );
}
