import type { ContactChange } from './contacts.deps';

type ContactState = { tags: string[] | null; attributes: Record<string, unknown> | null };

/**
 * What an edit changed that automation rules may wait for: the tags it put on (compared without
 * case, as rules compare them) and the attributes whose value changed, null for removed ones.
 */
export function contactChanges(before: ContactState, after: ContactState): ContactChange[] {
  const changes: ContactChange[] = [];
  const had = new Set((before.tags ?? []).map((t) => t.toLowerCase()));
  const added = (after.tags ?? []).filter((t) => !had.has(t.toLowerCase()));
  if (added.length > 0) changes.push({ type: 'tag_added', tags: added });
  const old = before.attributes ?? {};
  const now = after.attributes ?? {};
  const attributes: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(old), ...Object.keys(now)]))
    if (JSON.stringify(old[key] ?? null) !== JSON.stringify(now[key] ?? null))
      attributes[key] = now[key] ?? null;
  if (Object.keys(attributes).length > 0) changes.push({ type: 'attribute_changed', attributes });
  return changes;
}
