/** A member a note may name with `@Name`. */
export interface MentionableMember {
  id: string;
  name: string;
}

/** One `@Name` in a note: where it is, and whom it names. */
export type MentionMatch = { start: number; end: number; userIds: string[] };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const key = (name: string) => name.toLowerCase();

/**
 * Every `@Name` in a note, read the same way by the server (who is notified) and the web app
 * (what is highlighted). A name is a member's full name or first name, any case, after
 * something that is not a letter or digit and before something that is not one either. The
 * longest name wins at each `@`: `@Ana Ruiz` names Ana Ruiz only, while `@Ana` names every
 * member called Ana (unless one of them is called just "Ana").
 */
export function findMentions(body: string, members: readonly MentionableMember[]): MentionMatch[] {
  const byFull = new Map<string, string[]>();
  const byFirst = new Map<string, string[]>();
  for (const member of members) {
    const full = member.name.trim();
    if (!full) continue;
    const first = full.split(/\s+/)[0] ?? full;
    byFull.set(key(full), [...(byFull.get(key(full)) ?? []), member.id]);
    byFirst.set(key(first), [...(byFirst.get(key(first)) ?? []), member.id]);
  }
  const names = [...new Set([...byFull.keys(), ...byFirst.keys()])].sort((a, b) => b.length - a.length);
  if (names.length === 0) return [];
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])@(${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`,
    'giu',
  );
  const matches: MentionMatch[] = [];
  for (const match of body.matchAll(pattern)) {
    const name = key(match[1] ?? '');
    const userIds = byFull.get(name) ?? byFirst.get(name) ?? [];
    matches.push({ start: match.index, end: match.index + match[0].length, userIds });
  }
  return matches;
}

/** The members a note names, in the order of `members`. */
export function findMentionedUserIds(body: string, members: readonly MentionableMember[]): string[] {
  const named = new Set(findMentions(body, members).flatMap((match) => match.userIds));
  return members.filter((member) => named.has(member.id)).map((member) => member.id);
}
