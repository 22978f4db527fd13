import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api';
import { queryKeys } from './query-keys';

/** A 401 anywhere means the session ended: re-check /api/me, which sends the user to the login page. */
function onUnauthorized(error: unknown): void {
  if (isApiError(error, 'unauthorized')) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.queryKey[0] !== queryKeys.me[0]) onUnauthorized(error);
    },
  }),
  mutationCache: new MutationCache({ onError: onUnauthorized }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failureCount, error) => {
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return failureCount < 2;
      },
    },
  },
});
