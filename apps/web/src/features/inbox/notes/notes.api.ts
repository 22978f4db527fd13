import type { CreateNoteRequest, Note } from '@charla/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../../lib/api';
import { queryKeys } from '../../../lib/query-keys';
import { useThread } from '../inbox.api';
import { mergeNotes } from './merge-notes';

/** The notes of the open conversation's loaded pages (shares the thread's query, no extra request). */
export function useThreadNotes(): Note[] {
  const { conversationId = '' } = useParams();
  const thread = useThread(conversationId);
  return conversationId ? mergeNotes(thread.data?.pages ?? []) : [];
}

export function useCreateNote(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateNoteRequest) =>
      api.post<Note>(`/api/conversations/${encodeURIComponent(conversationId)}/notes`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.thread(conversationId) }),
  });
}
