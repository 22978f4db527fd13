import type { ApiKey, CreateApiKeyRequest, CreatedApiKey } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api';

const apiKeysKey = ['api-keys'] as const;

/** The workspace's keys, newest first, revoked ones included (owners and admins). */
export function useApiKeys() {
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: ({ signal }) => api.get<ApiKey[]>('/api/api-keys', signal),
  });
}

/** Makes a key; the answer holds the key itself, which is never shown again. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyRequest) => api.post<CreatedApiKey>('/api/api-keys', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

/** Revokes a key: its next request answers 401. */
export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<ApiKey>(`/api/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}
