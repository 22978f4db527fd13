import type { Message } from '@charla/contracts';
import { MessageSquareDashed } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api';
import { useErrorMessage } from '../../lib/use-error-message';
import { useNow } from '../../lib/use-now';
import { Button, buttonClasses } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { BotBanner } from '../automation/bot-banner';
import { Composer } from './composer';
import { contactLabel } from './contact-label';
import { windowState } from './conversation-window';
import { flattenThread, useMarkRead, usePendingMessages, useThread } from './inbox.api';
import { JumpToLatest } from './jump-to-latest';
import { MessageList } from './message-list';
import { useViewingSignal } from './presence/use-presence-signals';
import { useScrollToMessage } from './search/use-scroll-to-message';
import { ThreadHeader } from './thread-header';
import { useStickToBottom } from './use-stick-to-bottom';

export function Thread({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const thread = useThread(conversationId);
  const pending = usePendingMessages(conversationId);
  const markRead = useMarkRead(conversationId);
  useViewingSignal(conversationId);
  const now = useNow(30_000);
  const [isClosedByServer, setIsClosedByServer] = useState(false);
  const [replyTo, setReplyTo] = useState<Message | null>(null);

  const pages = thread.data?.pages ?? [];
  const conversation = pages[0]?.conversation;
  const messages = flattenThread(pages);
  const messageIds = messages.map((m) => m.id);
  const unreadCount = conversation?.unreadCount ?? 0;
  const stick = useStickToBottom(messageIds, pending.length);
  // Opened from a search result: bring that message into view.
  useScrollToMessage({
    loadedIds: messageIds,
    hasOlder: thread.hasNextPage,
    isLoadingOlder: thread.isFetchingNextPage,
    loadOlder: thread.fetchNextPage,
    onScrollTo: stick.release,
  });

  // Opening a conversation reads it; so does a new customer message arriving while it is open.
  // biome-ignore lint/correctness/useExhaustiveDependencies: markRead changes identity every render
  useEffect(() => {
    markRead.mutate();
  }, [conversationId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: markRead changes identity every render
  useEffect(() => {
    if (unreadCount > 0 && document.visibilityState === 'visible') markRead.mutate();
  }, [unreadCount]);

  // A fresh window (the customer wrote again) lifts the server's earlier "closed" answer.
  const expiresAt = conversation?.window.expiresAt;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the window moves
  useEffect(() => setIsClosedByServer(false), [expiresAt]);
  // A quote belongs to the conversation it was picked in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the conversation changes
  useEffect(() => setReplyTo(null), [conversationId]);

  if (thread.isPending) {
    return (
      <div className="flex flex-1 items-center justify-center text-brand-600">
        <Spinner />
      </div>
    );
  }

  if (thread.isError || !conversation) {
    const isMissing = isApiError(thread.error) && thread.error.status === 404;
    return (
      <div className="flex flex-1 items-center justify-center">
        <EmptyState
          icon={MessageSquareDashed}
          title={isMissing ? t('inbox.thread.notFound') : t('errors.unknown')}
          description={isMissing ? undefined : errorMessage(thread.error)}
          action={
            <Link to="/inbox" className={buttonClasses('secondary', 'sm')}>
              {t('inbox.thread.backToInbox')}
            </Link>
          }
        />
      </div>
    );
  }

  const customerWindow = windowState(conversation.window, now);
  const canWrite = customerWindow.isOpen && !isClosedByServer;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ThreadHeader
        conversation={conversation}
        customerWindow={canWrite ? customerWindow : { isOpen: false, minutesLeft: null }}
      />
      <BotBanner conversationId={conversationId} seen={messages.length} />
      <div className="relative flex min-h-0 flex-1 flex-col">
        <div
          ref={stick.scrollRef}
          onScroll={stick.onScroll}
          className="min-h-0 flex-1 overflow-y-auto bg-[#efeae2] px-3 py-4 sm:px-6 dark:bg-neutral-950"
          data-testid="thread-messages"
        >
          <div ref={stick.contentRef} className="mx-auto flex max-w-3xl flex-col gap-3">
            {thread.hasNextPage ? (
              <div className="flex justify-center">
                <Button
                  variant="secondary"
                  size="sm"
                  isLoading={thread.isFetchingNextPage}
                  onClick={() => void thread.fetchNextPage()}
                >
                  {t('inbox.thread.loadOlder')}
                </Button>
              </div>
            ) : null}
            {messages.length === 0 && pending.length === 0 ? (
              <p className="py-8 text-center text-sm text-neutral-500">{t('inbox.thread.noMessages')}</p>
            ) : (
              <MessageList
                messages={messages}
                pending={pending}
                now={now}
                customerName={contactLabel(conversation.contact)}
                onReply={canWrite ? setReplyTo : undefined}
              />
            )}
          </div>
        </div>
        {stick.isPinned ? null : <JumpToLatest count={stick.newCount} onClick={stick.jumpToLatest} />}
      </div>
      <div className="shrink-0 border-t border-neutral-200 bg-neutral-50 px-3 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:px-4 dark:border-neutral-800 dark:bg-neutral-900">
        <div className="mx-auto max-w-3xl">
          <Composer
            conversationId={conversationId}
            onWindowClosed={() => setIsClosedByServer(true)}
            replyTo={replyTo}
            onClearReply={() => setReplyTo(null)}
            customerName={contactLabel(conversation.contact)}
            isWindowClosed={!canWrite}
          />
        </div>
      </div>
    </div>
  );
}
