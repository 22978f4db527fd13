import type {
  CreateIncomingTriggerRequest,
  IncomingPayload,
  IncomingTrigger,
  IncomingTriggerWithSecret,
  Template,
  UpdateIncomingTriggerRequest,
} from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api';
import { queryKeys } from '../../../lib/query-keys';

const keys = {
  all: ['integrations'] as const,
  list: ['integrations', 'triggers'] as const,
  payloads: (id: string) => ['integrations', 'payloads', id] as const,
};
const path = (id: string) => `/api/integrations/triggers/${encodeURIComponent(id)}`;

/** The workspace's incoming webhook triggers, oldest first (owners and admins). */
export function useTriggers(refetchInterval: number | false = false) {
  return useQuery({
    queryKey: keys.list,
    queryFn: ({ signal }) => api.get<IncomingTrigger[]>('/api/integrations/triggers', signal),
    refetchInterval,
  });
}

/** A new trigger: the answer holds its secret, which is never shown again. */
export function useCreateTrigger() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIncomingTriggerRequest) =>
      api.post<IncomingTriggerWithSecret>('/api/integrations/triggers', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.list }),
  });
}

/** Name, number, action, mapping, or on/off. */
export function useUpdateTrigger() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateIncomingTriggerRequest & { id: string }) =>
      api.patch<IncomingTrigger>(path(id), body),
    onSuccess: (updated) =>
      queryClient.setQueryData<IncomingTrigger[]>(keys.list, (list) =>
        list?.map((trigger) => (trigger.id === updated.id ? updated : trigger)),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.list }),
  });
}

/** Removes a trigger: its address stops working. */
export function useDeleteTrigger() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(path(id), { method: 'DELETE' }),
    // Not awaited: the caller's onSuccess (leaving the trigger's page) runs before the list drops it.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.list });
    },
  });
}

/** A new secret, shown once; the old one stops working at once. */
export function useRotateTriggerSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<IncomingTriggerWithSecret>(`${path(id)}/rotate-secret`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.list }),
  });
}

/** The last 50 payloads a trigger received, newest first, with what was done with each. */
export function useTriggerPayloads(id: string) {
  return useQuery({
    queryKey: keys.payloads(id),
    queryFn: ({ signal }) => api.get<IncomingPayload[]>(`${path(id)}/payloads`, signal),
    // A test order may arrive any moment while someone is mapping fields.
    refetchInterval: 5_000,
    refetchOnWindowFocus: true,
  });
}

/** Every template of the workspace, of every account and status: a trigger names one by id. */
export function useAllTemplates() {
  return useQuery({
    queryKey: [...queryKeys.templates, 'list', '*', 'all'],
    queryFn: ({ signal }) => api.get<{ items: Template[] }>('/api/templates', signal),
    select: (data) => data.items,
  });
}
