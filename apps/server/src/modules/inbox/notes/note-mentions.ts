export interface MentionableMember {
  id: string;
  name: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The members a note names with `@Name`: the full name or the first name, any case, followed by
 * something that is not a letter or digit. Two members sharing a first name are both mentioned.
 */
export function findMentionedUserIds(body: string, members: MentionableMember[]): string[] {
  const ids: string[] = [];
  for (const member of members) {
    const full = member.name.trim();
    if (!full) continue;
    const first = full.split(/\s+/)[0] ?? full;
    const names = [...new Set([full, first])].map(escapeRegExp).join('|');
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])@(?:${names})(?![\\p{L}\\p{N}_])`, 'iu');
    if (pattern.test(body)) ids.push(member.id);
  }
  return ids;
}
