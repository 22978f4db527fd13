import type { ConversationList, Message, SendMessageRequest, Thread } from '@charla/contracts';
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useMutationState,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

type ConversationPages = InfiniteData<ConversationList, string | null>;
export type ThreadPages = InfiniteData<Thread, string | null>;

const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export function useConversations() {
  return useInfiniteQuery({
    queryKey: queryKeys.conversations,
    queryFn: ({ pageParam, signal }) =>
      api.get<ConversationList>(
        pageParam ? `/api/conversations?cursor=${encodeURIComponent(pageParam)}` : '/api/conversations',
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Page 0 holds the latest messages; each next page holds older ones. */
export function useThread(conversationId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.thread(conversationId),
    queryFn: ({ pageParam, signal }) =>
      api.get<Thread>(
        pageParam
          ? `${conversationPath(conversationId)}?before=${encodeURIComponent(pageParam)}`
          : conversationPath(conversationId),
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.olderCursor,
  });
}

/** Messages of all loaded pages, oldest first, without duplicates where pages overlap. */
export function flattenThread(pages: Thread[]): Message[] {
  const seen = new Set<string>();
  const messages: Message[] = [];
  for (const page of [...pages].reverse()) {
    for (const message of page.messages) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      messages.push(message);
    }
  }
  return messages;
}

export const sendKey = (conversationId: string) => ['send-message', conversationId] as const;

export function appendMessage(queryClient: QueryClient, message: Message): void {
  queryClient.setQueryData<ThreadPages>(queryKeys.thread(message.conversationId), (data) => {
    const latest = data?.pages[0];
    if (!data || !latest || data.pages.some((page) => page.messages.some((m) => m.id === message.id)))
      return data;
    return {
      ...data,
      pages: [{ ...latest, messages: [...latest.messages, message] }, ...data.pages.slice(1)],
    };
  });
}

export function useSendMessage(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: sendKey(conversationId),
    mutationFn: (body: SendMessageRequest) =>
      api.post<Message>(`${conversationPath(conversationId)}/messages`, body),
    onSuccess: (message) => appendMessage(queryClient, message),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.thread(conversationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}

/**
 * Messages still on their way to the API, shown as queued bubbles. Derived from the pending
 * mutations rather than written into the cache, so a refetch in between cannot drop them.
 */
export type PendingSend = { key: number; request: SendMessageRequest };

export function usePendingMessages(conversationId: string): PendingSend[] {
  return useMutationState({
    filters: { mutationKey: sendKey(conversationId), status: 'pending' },
    select: (mutation) => ({
      key: mutation.state.submittedAt,
      request: (mutation.state.variables as SendMessageRequest | undefined) ?? { text: '' },
    }),
  });
}

export function useMarkRead(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>(`${conversationPath(conversationId)}/read`),
    onMutate: () => {
      queryClient.setQueryData<ConversationPages>(queryKeys.conversations, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((c) => (c.id === conversationId ? { ...c, unreadCount: 0 } : c)),
              })),
            }
          : data,
      );
      queryClient.setQueryData<ThreadPages>(queryKeys.thread(conversationId), (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                conversation: { ...page.conversation, unreadCount: 0 },
              })),
            }
          : data,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.conversations }),
  });
}
