import type { ContactMergePreview, ContactProfile } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { AppError, notFound } from '../../../platform/errors';
import type { AuthContext } from '../../auth';
import {
  CONTACT_COLUMNS,
  type ContactRow,
  keptIds,
  type MergeIds,
  mergedContact,
  requireAdmin,
  toContact,
} from '../../contacts';
import { recordConversationEvents } from '../conversations/conversation-events';
import type { InboxDeps } from '../inbox.deps';
import { getContact } from './get-contact';
import { moveConversations } from './move-conversations';

type PairRow = ContactRow & { parent_user_id: string | null; has_written: boolean };

async function loadPair(
  query: Query,
  workspaceId: string,
  targetId: string,
  sourceId: string,
  lock: boolean,
  keep?: MergeIds,
) {
  if (targetId === sourceId)
    throw new AppError('invalid', 'same_contact', 'Pick another contact to merge with.', [
      { path: 'sourceId', message: 'is the same contact' },
    ]);
  const rows = await query<PairRow & Record<string, unknown>>(
    `SELECT ${CONTACT_COLUMNS}, parent_user_id,
            EXISTS (SELECT 1 FROM conversations cv WHERE cv.contact_id = contacts.id AND cv.last_inbound_at IS NOT NULL)
              AS has_written
       FROM contacts WHERE workspace_id = $1 AND id IN ($2, $3) ORDER BY id ${lock ? 'FOR UPDATE' : ''}`,
    [workspaceId, targetId, sourceId],
  );
  const a = rows.find((r) => r.id === targetId);
  const b = rows.find((r) => r.id === sourceId);
  if (!a || !b) throw notFound('contact');
  const ids =
    keep ??
    keptIds(
      { waId: a.wa_id, userId: a.user_id, hasWritten: a.has_written },
      { waId: b.wa_id, userId: b.user_id, hasWritten: b.has_written },
    );
  return { a, b, ids, result: mergedContact(toContact(a), toContact(b), ids) };
}

/** What merging `sourceId` into `targetId` keeps, before doing it. */
export async function previewContactMerge(
  deps: Pick<InboxDeps, 'db'>,
  auth: AuthContext,
  targetId: string,
  sourceId: string,
): Promise<ContactMergePreview> {
  requireAdmin(auth, 'merge contacts');
  const { a, b, result } = await loadPair(deps.db.query, auth.workspaceId, targetId, sourceId, false);
  const [counts] = await deps.db.query<{ conversations: number; messages: number; joined: string[] | null }>(
    `SELECT count(*)::int AS conversations,
            (SELECT count(*)::int FROM messages m JOIN conversations x ON x.id = m.conversation_id
              WHERE x.contact_id = $2) AS messages,
            array_agg(ch.name ORDER BY ch.name) FILTER (WHERE EXISTS (
              SELECT 1 FROM conversations t WHERE t.contact_id = $3 AND t.channel_id = c.channel_id)) AS joined
       FROM conversations c JOIN channels ch ON ch.id = c.channel_id
      WHERE c.workspace_id = $1 AND c.contact_id = $2`,
    [auth.workspaceId, sourceId, targetId],
  );
  return {
    target: toContact(a),
    source: toContact(b),
    result,
    movedConversations: counts?.conversations ?? 0,
    movedMessages: counts?.messages ?? 0,
    joinedChannels: counts?.joined ?? [],
  };
}

/**
 * Merges contact B into A (owners and admins): B's conversations become A's; where both have a
 * conversation on the same number, B's messages, notes, history and labels join A's thread
 * (each message keeps its time and arrival order, so the thread stays in order). B is deleted
 * and every conversation that gained something gets a `merged` history line. One transaction:
 * nothing is half-merged.
 */
export async function mergeContacts(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'notify'>,
  auth: AuthContext,
  targetId: string,
  sourceId: string,
): Promise<ContactProfile> {
  requireAdmin(auth, 'merge contacts');
  const touched = await deps.db.transaction((query) =>
    mergeContactRows(query, {
      workspaceId: auth.workspaceId,
      targetId,
      sourceId,
      actorUserId: auth.userId,
      at: deps.clock.now(),
    }),
  );
  await deps.notify(
    touched.map((conversationId) => ({
      kind: 'conversation.updated' as const,
      workspaceId: auth.workspaceId,
      conversationId,
    })),
  );
  return getContact(deps, auth, targetId);
}

/**
 * Merges contact `sourceId` into `targetId` inside the caller's transaction (see mergeContacts);
 * answers the target's conversations that gained something, for the caller to announce. `keep`
 * names the ids the merged contact answers to when WhatsApp itself said the two are one person.
 */
export async function mergeContactRows(
  query: Query,
  input: {
    workspaceId: string;
    targetId: string;
    sourceId: string;
    actorUserId: string | null;
    at: Date;
    keep?: MergeIds;
  },
): Promise<string[]> {
  const { a, b, ids, result } = await loadPair(
    query,
    input.workspaceId,
    input.targetId,
    input.sourceId,
    true,
    input.keep,
  );
  const conversations = await moveConversations(query, input.workspaceId, input.sourceId, input.targetId);
  // B goes first: A may take over B's WhatsApp ids, which are unique in the workspace.
  await query('DELETE FROM contacts WHERE workspace_id = $1 AND id = $2', [
    input.workspaceId,
    input.sourceId,
  ]);
  await query(
    `UPDATE contacts SET name = $3, profile_name = $4, phone = $5, wa_id = $6, user_id = $7, tags = $8::text[],
            attributes = $9::jsonb, notes = $10, opt_in_state = $11, opt_in_source = $12, opt_in_at = $13,
            parent_user_id = $14, username = $15, source_id = $16, source_url = $17, updated_at = now()
      WHERE workspace_id = $1 AND id = $2`,
    [
      input.workspaceId,
      input.targetId,
      result.name,
      result.profileName,
      result.phone,
      ids.waId,
      ids.userId,
      result.tags,
      JSON.stringify(result.attributes),
      result.notes,
      result.optIn.state,
      result.optIn.source,
      result.optIn.at,
      // The portfolio id and username go with the user id the merged contact keeps.
      ids.userId !== null && ids.userId === b.user_id
        ? b.parent_user_id
        : (a.parent_user_id ?? b.parent_user_id),
      ids.userId !== null && ids.userId === b.user_id
        ? (b.username ?? a.username)
        : (a.username ?? b.username),
      // The first ad either came from: A's when it has one.
      a.source_id || a.source_url ? a.source_id : b.source_id,
      a.source_id || a.source_url ? a.source_url : b.source_url,
    ],
  );
  const label = b.name || b.profile_name || b.phone || b.wa_id || input.sourceId;
  await recordConversationEvents(
    query,
    conversations.map((conversationId) => ({
      workspaceId: input.workspaceId,
      conversationId,
      actorUserId: input.actorUserId,
      kind: 'merged' as const,
      from: label,
      to: result.name ?? result.phone,
      note: null,
      at: input.at,
    })),
  );
  return conversations;
}
