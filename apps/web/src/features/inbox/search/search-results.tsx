import { SearchX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatListTime } from '../../../lib/format';
import { useErrorMessage } from '../../../lib/use-error-message';
import { useNow } from '../../../lib/use-now';
import { Alert } from '../../../ui/alert';
import { Avatar } from '../../../ui/avatar';
import { Button } from '../../../ui/button';
import { EmptyState } from '../../../ui/empty-state';
import { Spinner } from '../../../ui/spinner';
import { contactLabel } from '../contact-label';
import { useMessageSearch } from './search.api';
import { Snippet } from './snippet';

/** Messages matching the search, newest first; a result opens its thread at that message. */
export function SearchResults({ q, selectedId }: { q: string; selectedId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const search = useMessageSearch(q);
  const errorMessage = useErrorMessage();
  const now = useNow(60_000);
  const hits = search.data?.pages.flatMap((page) => page.items) ?? [];

  if (search.isPending) {
    return (
      <div className="flex justify-center py-10 text-brand-600">
        <Spinner />
      </div>
    );
  }
  if (search.isError) {
    return (
      <div className="p-4">
        <Alert tone="error">{errorMessage(search.error)}</Alert>
      </div>
    );
  }
  if (hits.length === 0) {
    return (
      <EmptyState icon={SearchX} title={t('inbox.search.noResults')} description={t('inbox.search.hint')} />
    );
  }
  return (
    <>
      <p className="px-4 pt-3 pb-1 text-xs font-medium text-neutral-500 dark:text-neutral-400" role="status">
        {t('inbox.search.messages')}
      </p>
      <ul>
        {hits.map((hit) => {
          const name = contactLabel(hit.conversation.contact) ?? t('inbox.unknownContact');
          return (
            <li key={hit.message.id}>
              <Link
                to={`/inbox/${hit.conversation.id}?message=${encodeURIComponent(hit.message.id)}`}
                data-testid="search-result"
                aria-current={hit.conversation.id === selectedId ? 'page' : undefined}
                className="flex gap-3 border-b border-neutral-100 px-4 py-3 transition-colors hover:bg-neutral-50 aria-[current=page]:bg-brand-50/70 dark:border-neutral-800/70 dark:hover:bg-neutral-800/50 dark:aria-[current=page]:bg-brand-950/50"
              >
                <Avatar label={name} seed={hit.conversation.contact.id} className="size-9" />
                <div className="min-w-0 flex-1">
                  <div className="flex items-baseline justify-between gap-2">
                    <span className="truncate text-sm font-medium">{name}</span>
                    <time dateTime={hit.message.createdAt} className="shrink-0 text-xs text-neutral-500">
                      {formatListTime(hit.message.createdAt, now, i18n.language)}
                    </time>
                  </div>
                  <p className="mt-0.5 line-clamp-2 text-sm text-neutral-600 dark:text-neutral-300">
                    {hit.message.direction === 'outbound' ? (
                      <span className="text-neutral-500">{t('inbox.search.you')} </span>
                    ) : null}
                    <Snippet segments={hit.snippet} />
                  </p>
                </div>
              </Link>
            </li>
          );
        })}
      </ul>
      {search.hasNextPage ? (
        <div className="flex justify-center p-3">
          <Button
            variant="ghost"
            size="sm"
            isLoading={search.isFetchingNextPage}
            onClick={() => void search.fetchNextPage()}
          >
            {t('inbox.list.loadMore')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
