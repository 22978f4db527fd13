import type { BotSession, Flow, FlowRequest } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';

export const flowsKey = ['automation', 'flows'] as const;
const flowKey = (id: string) => ['automation', 'flows', id] as const;
const flowPath = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

export function useFlows() {
  return useQuery({
    queryKey: flowsKey,
    queryFn: ({ signal }) => api.get<{ flows: Flow[] }>('/api/flows', signal),
    select: (data) => data.flows,
    refetchOnMount: 'always',
  });
}

export function useFlow(id: string) {
  return useQuery({
    queryKey: flowKey(id),
    queryFn: ({ signal }) => api.get<Flow>(flowPath(id), signal),
  });
}

export function useCreateFlow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FlowRequest) => apiRequest<Flow>('/api/flows', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: flowsKey }),
  });
}

export function useSaveFlow(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FlowRequest) => apiRequest<Flow>(flowPath(id), { method: 'PUT', body }),
    onSuccess: (flow) => client.setQueryData(flowKey(id), flow),
  });
}

export function usePublishFlow(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<Flow>(`${flowPath(id)}/publish`, { method: 'POST' }),
    onSuccess: (flow) => {
      client.setQueryData(flowKey(id), flow);
      return client.invalidateQueries({ queryKey: flowsKey });
    },
  });
}

export function useDeleteFlow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(flowPath(id), { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: flowsKey }),
  });
}

/** The bot running in a conversation (null when none); read again as the thread grows (`seen`). */
export function useBotSession(conversationId: string, seen: number) {
  return useQuery({
    queryKey: ['automation', 'bot', conversationId, seen],
    queryFn: ({ signal }) =>
      api.get<{ session: BotSession | null }>(
        `/api/conversations/${encodeURIComponent(conversationId)}/bot`,
        signal,
      ),
    select: (data) => data.session,
  });
}

export function useStopBot(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<void>(`/api/conversations/${encodeURIComponent(conversationId)}/bot/stop`, {
        method: 'POST',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['automation', 'bot', conversationId] }),
  });
}
