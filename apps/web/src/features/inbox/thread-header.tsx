import type { Conversation } from '@charla/contracts';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPhone } from '../../lib/phone-number';
import { useErrorMessage } from '../../lib/use-error-message';
import { useNow } from '../../lib/use-now';
import { Avatar } from '../../ui/avatar';
import { buttonClasses } from '../../ui/button';
import { AssignMenu } from './assignment/assign-menu';
import { PriorityMenu } from './assignment/priority-menu';
import { QueueWait } from './assignment/queue-wait';
import { StatusMenu } from './assignment/status-menu';
import { contactLabel } from './contact-label';
import { toggleContactPanel, useIsContactPanelOpen } from './contact-panel/contact-panel-state';
import type { WindowState } from './conversation-window';
import { LabelChips } from './labels/label-chip';
import { LabelMenu } from './labels/label-menu';
import { CallDisabled } from './outbound/call-disabled';
import { PresenceBar } from './presence/presence-bar';
import { SandboxCloseWindow } from './sandbox-close-window';
import { WhatsAppRulesDialog } from './whatsapp-rules-dialog';
import { WindowIndicator } from './window-indicator';

type ThreadHeaderProps = { conversation: Conversation; customerWindow: WindowState };

export function ThreadHeader({ conversation, customerWindow }: ThreadHeaderProps) {
  const { t } = useTranslation();
  const { contact } = conversation;
  const name = contactLabel(contact) ?? t('inbox.unknownContact');
  const phone = contact.phone ? formatPhone(contact.phone) : null;
  const showPhone = phone !== null && phone !== name;
  const errorMessage = useErrorMessage();
  const [changeError, setChangeError] = useState<string | null>(null);
  const onError = (error: unknown) => setChangeError(errorMessage(error));
  const isContactOpen = useIsContactPanelOpen();
  const now = useNow(30_000);

  return (
    <header className="flex min-h-16 shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-neutral-200 bg-white px-3 py-2 sm:px-4 dark:border-neutral-800 dark:bg-neutral-900">
      <Link
        to="/inbox"
        className={`${buttonClasses('ghost', 'icon')} -ml-1 md:hidden`}
        aria-label={t('inbox.thread.back')}
        data-testid="thread-back"
      >
        <ArrowLeft aria-hidden className="size-5" />
      </Link>
      <Avatar label={name} seed={contact.id} />
      <div className="min-w-36 flex-1">
        <h2 className="truncate text-[15px] font-semibold" data-testid="thread-contact-name">
          <button
            type="button"
            onClick={toggleContactPanel}
            aria-expanded={isContactOpen}
            aria-controls="contact-panel"
            title={t('contactPanel.toggle')}
            className="max-w-full truncate rounded text-left hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
          >
            {name}
          </button>
        </h2>
        <p className="truncate text-xs text-neutral-500 dark:text-neutral-400">
          {showPhone ? <span data-testid="thread-contact-phone">{phone}</span> : null}
          {showPhone ? ' · ' : null}
          {conversation.channelName}
        </p>
        {conversation.labels?.length ? (
          <div className="mt-1">
            <LabelChips labels={conversation.labels} max={6} />
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-1">
        <WindowIndicator state={customerWindow} />
        <SandboxCloseWindow
          conversation={conversation}
          isWindowOpen={customerWindow.isOpen}
          onError={onError}
        />
        <CallDisabled />
        <WhatsAppRulesDialog />
      </div>
      <div
        className="flex w-full flex-wrap items-center gap-1.5 lg:w-auto"
        data-testid="conversation-controls"
      >
        <StatusMenu conversation={conversation} onError={onError} />
        <AssignMenu conversation={conversation} onError={onError} />
        {conversation.waitingSince ? <QueueWait since={conversation.waitingSince} now={now} /> : null}
        <PriorityMenu conversation={conversation} onError={onError} />
        <LabelMenu conversation={conversation} onError={onError} />
      </div>
      <PresenceBar conversationId={conversation.id} />
      {changeError ? (
        <p
          role="alert"
          className="w-full text-xs text-red-600 dark:text-red-400"
          data-testid="conversation-change-error"
        >
          {changeError}{' '}
          <button type="button" className="underline" onClick={() => setChangeError(null)}>
            {t('common.close')}
          </button>
        </p>
      ) : null}
    </header>
  );
}
