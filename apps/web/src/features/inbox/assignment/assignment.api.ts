import type { AssignConversationRequest, Conversation, UpdateConversationRequest } from '@charla/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/query-keys';

const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

/** After a change the thread (its events) and the list (status, assignee) are read again. */
function useRefresh(conversationId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.thread(conversationId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
  };
}

export function useUpdateConversation(conversationId: string) {
  const refresh = useRefresh(conversationId);
  return useMutation({
    mutationFn: (body: UpdateConversationRequest) =>
      api.patch<Conversation>(conversationPath(conversationId), body),
    onSettled: refresh,
  });
}

export function useAssignConversation(conversationId: string) {
  const refresh = useRefresh(conversationId);
  return useMutation({
    mutationFn: (body: AssignConversationRequest) =>
      api.post<Conversation>(`${conversationPath(conversationId)}/assign`, body),
    onSettled: refresh,
  });
}
