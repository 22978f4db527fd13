import type { ConversationEvent } from '@charla/contracts';
import { useParams } from 'react-router';
import { useThread } from '../inbox.api';
import { mergeEvents } from './describe-event';

/** The events of the open conversation's loaded pages (shares the thread's query, no extra request). */
export function useThreadEvents(): ConversationEvent[] {
  const { conversationId = '' } = useParams();
  const thread = useThread(conversationId);
  return conversationId ? mergeEvents(thread.data?.pages ?? []) : [];
}
