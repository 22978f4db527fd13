import type { Channel, ConnectChannelRequest } from '@charla/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

/** Charla checks the credentials with Meta before saving, so this can take a few seconds. */
export function useConnectChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConnectChannelRequest) => api.post<Channel>('/api/channels', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.channels }),
  });
}

export function useAddSandbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Channel>('/api/channels/sandbox'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.channels }),
  });
}

/** The number's history stays; its secrets are wiped and nothing more is sent or received through it. */
export function useDisconnectChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Channel>(`/api/channels/${id}/disconnect`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.channels }),
  });
}
