import type { Message, ReactRequest } from '@charla/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/query-keys';
import type { ThreadPages } from '../inbox.api';

type ReactVariables = { messageId: string; emoji: string };

/** Our side's reaction replaces the previous one; an empty emoji removes it (as on WhatsApp). */
export function withOutboundReaction(message: Message, emoji: string, at: string): Message {
  const others = message.reactions.filter((reaction) => reaction.direction !== 'outbound');
  return {
    ...message,
    reactions: emoji ? [...others, { emoji, direction: 'outbound', at }] : others,
  };
}

/** POST /api/messages/:id/reaction, shown at once and corrected by the refetch. */
export function useReactToMessage(conversationId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.thread(conversationId);
  return useMutation({
    mutationFn: ({ messageId, emoji }: ReactVariables) =>
      api.post<unknown>(`/api/messages/${encodeURIComponent(messageId)}/reaction`, {
        emoji,
      } satisfies ReactRequest),
    onMutate: async ({ messageId, emoji }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<ThreadPages>(key);
      const at = new Date().toISOString();
      queryClient.setQueryData<ThreadPages>(key, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                messages: page.messages.map((m) =>
                  m.id === messageId ? withOutboundReaction(m, emoji, at) : m,
                ),
              })),
            }
          : data,
      );
      return { before };
    },
    onError: (_error, _variables, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}
