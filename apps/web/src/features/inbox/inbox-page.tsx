import { MessagesSquare } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { cn } from '../../lib/cn';
import { EmptyState } from '../../ui/empty-state';
import { ShortcutsDialog, useInboxShortcuts } from '../comfort/shortcuts';
import { InboxContactPanel } from './contact-panel/inbox-contact-panel';
import { ConversationList } from './conversation-list';
import { Thread } from './thread';

/** Two columns on wide screens (three with the contact panel); on phones either the list or the open thread. */
export function InboxPage() {
  const { t } = useTranslation();
  const { conversationId } = useParams();
  const hasSelection = conversationId !== undefined;
  const shortcuts = useInboxShortcuts(conversationId);

  return (
    <div className="flex min-h-0 flex-1">
      <section
        aria-label={t('inbox.list.label')}
        className={cn(
          'min-h-0 w-full flex-col border-r border-neutral-200 bg-white md:flex md:w-80 lg:w-96 dark:border-neutral-800 dark:bg-neutral-900',
          hasSelection ? 'hidden' : 'flex',
        )}
      >
        <ConversationList selectedId={conversationId} />
      </section>
      <section
        aria-label={t('inbox.thread.label')}
        className={cn('min-h-0 min-w-0 flex-1 flex-col md:flex', hasSelection ? 'flex' : 'hidden')}
      >
        {hasSelection ? (
          <Thread key={conversationId} conversationId={conversationId} />
        ) : (
          <div className="flex flex-1 items-center justify-center bg-neutral-50 dark:bg-neutral-950">
            <EmptyState
              icon={MessagesSquare}
              title={t('inbox.noSelection.title')}
              description={t('inbox.noSelection.body')}
            />
          </div>
        )}
      </section>
      {hasSelection ? <InboxContactPanel conversationId={conversationId} /> : null}
      <ShortcutsDialog open={shortcuts.isHelpOpen} onOpenChange={shortcuts.setIsHelpOpen} />
    </div>
  );
}
