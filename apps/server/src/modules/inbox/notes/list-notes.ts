import type { AutomatedBy, Note } from '@charla/contracts';
import type { InboxDeps } from '../inbox.deps';

interface NoteRow {
  id: string;
  conversation_id: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  mentioned_user_ids: string[] | string;
  automated_by: AutomatedBy | null;
  created_at: Date;
}

export const NOTE_SELECT = `SELECT n.id, n.conversation_id, n.author_user_id AS author_id, u.name AS author_name,
       n.body, n.mentioned_user_ids, n.automated_by, n.created_at
  FROM conversation_notes n LEFT JOIN users u ON u.id = n.author_user_id`;

/** node-postgres parses uuid[] into an array; be lenient with a `{a,b}` literal too. */
const idsOf = (v: string[] | string): string[] =>
  Array.isArray(v)
    ? v
    : v
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);

export function toNote(r: NoteRow): Note {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    author: r.author_id ? { id: r.author_id, name: r.author_name ?? '' } : null,
    body: r.body,
    mentionedUserIds: idsOf(r.mentioned_user_ids),
    automatedBy: r.automated_by ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** A thread's notes between two times (either end open), oldest first. */
export async function listNotes(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  conversationId: string,
  range: { from: Date | null; before: Date | null },
): Promise<Note[]> {
  const rows = await deps.db.query<NoteRow & Record<string, unknown>>(
    `${NOTE_SELECT}
      WHERE n.workspace_id = $1 AND n.conversation_id = $2
        AND ($3::timestamptz IS NULL OR n.created_at >= $3)
        AND ($4::timestamptz IS NULL OR n.created_at < $4)
      ORDER BY n.created_at, n.seq LIMIT 500`,
    [workspaceId, conversationId, range.from?.toISOString() ?? null, range.before?.toISOString() ?? null],
  );
  return rows.map(toNote);
}
