import type { Note } from '@charla/contracts';
import type { InboxDeps } from '../inbox.deps';

/** The event bus's NOTIFY channel (platform/events/event-bus.ts). */
const BUS_CHANNEL = 'charla_events';

/**
 * One `note.mentioned` realtime event per mentioned member, to the workspace: ids only, the
 * browser of that member decides to notify. Published straight onto the bus because
 * `InboxChange` does not carry a user id yet.
 */
export async function publishNoteMentions(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  note: Note,
): Promise<void> {
  if (note.mentionedUserIds.length === 0) return;
  const events = note.mentionedUserIds.map((userId) =>
    JSON.stringify({
      workspaceId,
      type: 'note.mentioned',
      conversationId: note.conversationId,
      noteId: note.id,
      userId,
    }),
  );
  await deps.db.query('SELECT pg_notify($1, e) FROM unnest($2::text[]) AS e', [BUS_CHANNEL, events]);
}
