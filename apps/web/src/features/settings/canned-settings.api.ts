import type { CannedResponse, CannedResponseList, CannedResponseRequest } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';
import { cannedKey } from '../inbox/canned/canned.api';

const path = (id: string) => `/api/canned-responses/${encodeURIComponent(id)}`;

export function useSaveCanned() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CannedResponseRequest }) =>
      id
        ? apiRequest<CannedResponse>(path(id), { method: 'PUT', body })
        : api.post<CannedResponse>('/api/canned-responses', body),
    onSettled: () => client.invalidateQueries({ queryKey: cannedKey }),
  });
}

export function useDeleteCanned() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(path(id), { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: cannedKey }),
  });
}

/** The list as an array, from the same cache entry the composer's picker uses. */
export function useCannedList() {
  return useQuery({
    queryKey: cannedKey,
    queryFn: ({ signal }) => api.get<CannedResponseList>('/api/canned-responses', signal),
    select: (list) => list.items,
  });
}
