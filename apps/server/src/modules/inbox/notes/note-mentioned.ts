import type { Note } from '@charla/contracts';
import type { InboxDeps } from '../inbox.deps';

/**
 * One `note.mentioned` realtime event per mentioned member: ids only, and the realtime fan-out
 * sends it to that member's sockets alone (modules/inbox/presence/presence.ts); their browser
 * decides how to notify.
 */
export async function publishNoteMentions(
  deps: Pick<InboxDeps, 'notify'>,
  workspaceId: string,
  note: Note,
): Promise<void> {
  if (note.mentionedUserIds.length === 0) return;
  await deps.notify(
    note.mentionedUserIds.map((userId) => ({
      kind: 'note.mentioned' as const,
      workspaceId,
      conversationId: note.conversationId,
      noteId: note.id,
      userId,
    })),
  );
}
