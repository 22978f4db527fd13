import type { SearchResults } from '@charla/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../../lib/api';

export const searchKey = (q: string) => ['search', q] as const;

export function useMessageSearch(q: string) {
  return useInfiniteQuery({
    queryKey: searchKey(q),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ q });
      if (pageParam) params.set('cursor', pageParam);
      return api.get<SearchResults>(`/api/search?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: q !== '',
    staleTime: 30_000,
  });
}

/** The value once it has stopped changing for `ms` (so typing does not search every key). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
