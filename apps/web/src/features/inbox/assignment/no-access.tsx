import { useQueryClient } from '@tanstack/react-query';
import { Lock } from 'lucide-react';
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { queryKeys } from '../../../lib/query-keys';
import { buttonClasses } from '../../../ui/button';
import { EmptyState } from '../../../ui/empty-state';
import { InboxPage } from '../inbox-page';

/** The page an agent sees for a conversation hidden from them (403 `forbidden`), instead of an error. */
export function NoAccess({ conversationId }: { conversationId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Forget the refusal on leaving, so coming back (once assigned) asks the server again.
  useEffect(
    () => () => {
      if (conversationId) queryClient.removeQueries({ queryKey: queryKeys.thread(conversationId) });
    },
    [conversationId, queryClient],
  );
  return (
    <div className="flex flex-1 items-center justify-center p-4" data-testid="no-access">
      <EmptyState
        icon={Lock}
        title={t('assignment.noAccess.title')}
        description={t('assignment.noAccess.body')}
        action={
          <Link to="/inbox" className={buttonClasses('secondary', 'sm')} data-testid="no-access-back">
            {t('assignment.noAccess.back')}
          </Link>
        }
      />
    </div>
  );
}

/** The inbox, unless the conversation in the URL is one the server says this member may not see. */
export function InboxRoute() {
  const { conversationId } = useParams();
  const queryClient = useQueryClient();
  // Watches the thread query the inbox itself runs (no extra request): a 403 swaps the page.
  const isForbidden = useSyncExternalStore(
    (onChange) => queryClient.getQueryCache().subscribe(onChange),
    () =>
      conversationId !== undefined &&
      isApiError(queryClient.getQueryState(queryKeys.thread(conversationId))?.error, 'forbidden'),
  );
  return isForbidden ? <NoAccess conversationId={conversationId} /> : <InboxPage />;
}
