import { findMentions, type Member, type MentionableMember } from '@charla/contracts';

/** The `@word` being typed at the caret: where its `@` is and what follows it. */
export type MentionQuery = { start: number; query: string };

// A first name and, after one space, the start of a last name; `@` after a letter is an email.
const QUERY = /(?<![\p{L}\p{N}_])@([\p{L}\p{N}_.'-]*(?: [\p{L}\p{N}_.'-]*)?)$/u;

export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const match = QUERY.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: match.index, query: match[1] ?? '' };
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Members who can be mentioned (active, not the writer), those whose name or a word of it starts
 * with the query first, then those containing it, each by name; accents and case do not matter.
 */
export function filterMembers(members: Member[], query: string, selfId: string): Member[] {
  const q = fold(query.trim());
  const candidates = members
    .filter((m) => m.deactivatedAt === null && m.userId !== selfId)
    .sort((a, b) => a.name.localeCompare(b.name));
  const starts = candidates.filter((m) =>
    fold(m.name)
      .split(/\s+/)
      .some((_word, index, words) => words.slice(index).join(' ').startsWith(q)),
  );
  const contains = candidates.filter((m) => !starts.includes(m) && fold(`${m.name} ${m.email}`).includes(q));
  return [...starts, ...contains];
}

/** `@Full Name ` already written (e.g. just picked): nothing left to look for. */
export function isCompleteMention(query: string, members: Member[]): boolean {
  if (!query.endsWith(' ')) return false;
  const name = fold(query.trim());
  return members.some((m) => fold(m.name.trim()) === name);
}

/** The draft with `@query` replaced by `@Full Name ` and where the caret goes next. */
export function insertMention(text: string, at: MentionQuery, caret: number, name: string) {
  const before = `${text.slice(0, at.start)}@${name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: before + after, caret: before.length };
}

export type NoteSegment = { text: string; userIds: string[] | null };

/**
 * A note's text cut around the mentions it stored (`mentionedUserIds`), for highlighting; a name
 * that reads like a mention but named nobody stays plain text.
 */
export function noteSegments(
  body: string,
  members: MentionableMember[],
  mentionedIds: string[],
): NoteSegment[] {
  const mentioned = new Set(mentionedIds);
  const segments: NoteSegment[] = [];
  let from = 0;
  for (const match of findMentions(body, members)) {
    const userIds = match.userIds.filter((id) => mentioned.has(id));
    if (userIds.length === 0) continue;
    if (match.start > from) segments.push({ text: body.slice(from, match.start), userIds: null });
    segments.push({ text: body.slice(match.start, match.end), userIds });
    from = match.end;
  }
  if (from < body.length || segments.length === 0) segments.push({ text: body.slice(from), userIds: null });
  return segments;
}
