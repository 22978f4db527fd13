import type { AttributeFilter, ContactFilters, ContactList } from '@charla/contracts';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** `GET /api/contacts` query: q, tag (repeated), optIn, attr=key:op[:value] (repeated). */
export function contactFiltersToQuery(filters: ContactFilters, cursor: string | null = null): string {
  const params = new URLSearchParams();
  if (filters.q?.trim()) params.set('q', filters.q.trim());
  for (const tag of filters.tags ?? []) params.append('tag', tag);
  if (filters.optIn) params.set('optIn', filters.optIn);
  for (const a of filters.attributes ?? []) params.append('attr', attributeParam(a));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

function attributeParam(a: AttributeFilter): string {
  return a.op === 'is_set' || a.op === 'not_set' ? `${a.key}:${a.op}` : `${a.key}:${a.op}:${a.value ?? ''}`;
}

/** The contacts list with filters; lives under ['contacts', 'list'] so edits and imports refresh it. */
export function useFilteredContacts(filters: ContactFilters) {
  return useInfiniteQuery({
    queryKey: ['contacts', 'list', 'filtered', contactFiltersToQuery(filters)],
    queryFn: ({ pageParam, signal }) =>
      api.get<ContactList>(`/api/contacts?${contactFiltersToQuery(filters, pageParam)}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
