import type { Note } from '@charla/contracts';

/** Every note of the loaded pages once, oldest first. */
export function mergeNotes(pages: { notes?: Note[] }[]): Note[] {
  const byId = new Map<string, Note>();
  for (const page of pages) for (const note of page.notes ?? []) byId.set(note.id, note);
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export type NoteItem = { kind: 'note'; note: Note; at: string };

/** Items already in time order with the notes slotted in; a note ties after what came first. */
export function withNotes<T extends { at: string }>(items: T[], notes: Note[]): (T | NoteItem)[] {
  const merged: (T | NoteItem)[] = [];
  let next = 0;
  for (const item of items) {
    while (next < notes.length && (notes[next]?.createdAt ?? '') < item.at) {
      const note = notes[next++] as Note;
      merged.push({ kind: 'note', note, at: note.createdAt });
    }
    merged.push(item);
  }
  for (const note of notes.slice(next)) merged.push({ kind: 'note', note, at: note.createdAt });
  return merged;
}
