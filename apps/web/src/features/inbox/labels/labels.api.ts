import type { Conversation, Label, LabelRequest } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api';
import { queryKeys } from '../../../lib/query-keys';

const labelsKey = ['labels'] as const;

export function useLabels() {
  return useQuery({
    queryKey: labelsKey,
    queryFn: async ({ signal }) => (await api.get<{ items: Label[] }>('/api/labels', signal)).items,
    staleTime: 30_000,
  });
}

/** Creates (id null) or changes a label; the inbox shows label names, so it is read again too. */
export function useSaveLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: LabelRequest }) =>
      id
        ? apiRequest<Label>(`/api/labels/${encodeURIComponent(id)}`, { method: 'PUT', body })
        : api.post<Label>('/api/labels', body),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: labelsKey });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
      void client.invalidateQueries({ queryKey: queryKeys.threads });
    },
  });
}

export function useDeleteLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<void>(`/api/labels/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: labelsKey });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
      void client.invalidateQueries({ queryKey: queryKeys.threads });
    },
  });
}

/** Puts a label on the conversation (`on`) or takes it off. */
export function useToggleLabel(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ labelId, on }: { labelId: string; on: boolean }) => {
      const path = `/api/conversations/${encodeURIComponent(conversationId)}/labels/${encodeURIComponent(labelId)}`;
      return apiRequest<Conversation>(path, { method: on ? 'PUT' : 'DELETE' });
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.thread(conversationId) });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}
