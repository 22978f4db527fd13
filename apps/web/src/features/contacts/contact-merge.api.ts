import type { ContactMergePreview, ContactProfile } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

const path = (id: string) => `/api/contacts/${encodeURIComponent(id)}`;

export function useMergePreview(targetId: string, sourceId: string | null) {
  return useQuery({
    queryKey: ['contacts', 'merge-preview', targetId, sourceId],
    enabled: sourceId !== null,
    queryFn: ({ signal }) =>
      api.get<ContactMergePreview>(
        `${path(targetId)}/merge-preview?sourceId=${encodeURIComponent(sourceId ?? '')}`,
        signal,
      ),
    retry: false,
  });
}

/** After a merge the lists, both profiles and the inbox (moved conversations) are read again. */
export function useMergeContacts(targetId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sourceId: string) => api.post<ContactProfile>(`${path(targetId)}/merge`, { sourceId }),
    onSuccess: (profile) => {
      client.setQueryData(['contacts', 'one', targetId], profile);
      void client.invalidateQueries({ queryKey: ['contacts', 'list'] });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
      void client.invalidateQueries({ queryKey: queryKeys.threads });
    },
  });
}
