import type { ConversationFilters } from '@charla/contracts';
import { MessageSquare } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRealtimeStatus } from '../../app/use-realtime';
import { cn } from '../../lib/cn';
import { useErrorMessage } from '../../lib/use-error-message';
import { useNow } from '../../lib/use-now';
import { Alert } from '../../ui/alert';
import { Button, buttonClasses } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { ConversationItem } from './conversation-item';
import { NewConversationButton } from './new-conversation/new-conversation-button';
import { hasFilters, useFilteredConversations } from './search/conversation-filters';
import { FilterBar } from './search/filter-bar';
import { useDebounced } from './search/search.api';
import { SearchBox } from './search/search-box';
import { SearchResults } from './search/search-results';

export function ConversationList({ selectedId }: { selectedId: string | undefined }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ConversationFilters>({});
  const [searchText, setSearchText] = useState('');
  const q = useDebounced(searchText.trim(), 300);
  const isSearching = searchText.trim() !== '';
  const conversations = useFilteredConversations(filters);
  const errorMessage = useErrorMessage();
  const now = useNow(60_000);
  const items = conversations.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex h-16 shrink-0 items-center justify-between border-b border-neutral-200 px-4 dark:border-neutral-800">
        <h1 className="text-lg font-semibold tracking-tight">{t('inbox.title')}</h1>
        <div className="flex items-center gap-2">
          <LiveIndicator />
          <NewConversationButton isIconOnly />
        </div>
      </header>
      <div className="flex shrink-0 flex-col gap-2 border-b border-neutral-200 px-3 py-2 dark:border-neutral-800">
        <SearchBox value={searchText} onChange={setSearchText} />
        {isSearching ? null : <FilterBar filters={filters} onChange={setFilters} />}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {isSearching ? (
          q === '' ? null : (
            <SearchResults q={q} selectedId={selectedId} />
          )
        ) : conversations.isPending ? (
          <div className="flex justify-center py-10 text-brand-600">
            <Spinner />
          </div>
        ) : conversations.isError ? (
          <div className="p-4">
            <Alert tone="error">{errorMessage(conversations.error)}</Alert>
          </div>
        ) : items.length === 0 && hasFilters(filters) ? (
          <EmptyState
            icon={MessageSquare}
            title={t('inbox.filters.emptyTitle')}
            action={
              <Button variant="secondary" size="sm" onClick={() => setFilters({})}>
                {t('inbox.filters.clear')}
              </Button>
            }
          />
        ) : items.length === 0 ? (
          <EmptyState
            icon={MessageSquare}
            title={t('inbox.list.emptyTitle')}
            description={t('inbox.list.emptyBody')}
            action={
              <Link to="/settings/channels" className={buttonClasses('secondary', 'sm')}>
                {t('inbox.list.emptyAction')}
              </Link>
            }
          />
        ) : (
          <>
            <ul>
              {items.map((conversation) => (
                <li key={conversation.id}>
                  <ConversationItem
                    conversation={conversation}
                    isSelected={conversation.id === selectedId}
                    now={now}
                  />
                </li>
              ))}
            </ul>
            {conversations.hasNextPage ? (
              <div className="flex justify-center p-3">
                <Button
                  variant="ghost"
                  size="sm"
                  isLoading={conversations.isFetchingNextPage}
                  onClick={() => void conversations.fetchNextPage()}
                >
                  {t('inbox.list.loadMore')}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}

function LiveIndicator() {
  const { t } = useTranslation();
  const status = useRealtimeStatus();
  const isLive = status === 'open';
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-neutral-500 dark:text-neutral-400"
      data-testid="realtime-status"
      data-status={status}
      role="status"
    >
      <span className={cn('size-2 rounded-full', isLive ? 'bg-brand-400' : 'animate-pulse bg-amber-400')} />
      {isLive ? t('inbox.live') : status === 'connecting' ? t('inbox.connecting') : t('inbox.reconnecting')}
    </span>
  );
}
