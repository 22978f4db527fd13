import type { ConversationFilters, ConversationList } from '@charla/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/query-keys';

/** The list's query string for a set of filters (empty values left out, stable order). */
export function filtersToQuery(filters: ConversationFilters, cursor: string | null = null): string {
  const params = new URLSearchParams();
  for (const key of [
    'status',
    'channel',
    'window',
    'unread',
    'fromAd',
    'assignee',
    'team',
    'label',
  ] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const hasFilters = (filters: ConversationFilters) => filtersToQuery(filters) !== '';

/**
 * The conversation list with filters. Without filters it is the same query (and cache entry)
 * as `useConversations`, so realtime updates and "mark read" keep working unchanged; filtered
 * lists live under the same key prefix, so the same invalidations refresh them.
 */
export function useFilteredConversations(filters: ConversationFilters) {
  const key = hasFilters(filters) ? [...queryKeys.conversations, filters] : queryKeys.conversations;
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) =>
      api.get<ConversationList>(`/api/conversations${filtersToQuery(filters, pageParam)}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
