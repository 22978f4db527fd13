import type { CannedResponseList } from '@charla/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const cannedKey = ['canned-responses'] as const;

/** The workspace's canned responses, fetched once the picker first opens. */
export function useCannedResponses(isEnabled: boolean) {
  return useQuery({
    queryKey: cannedKey,
    queryFn: ({ signal }) => api.get<CannedResponseList>('/api/canned-responses', signal),
    enabled: isEnabled,
    staleTime: 60_000,
  });
}
