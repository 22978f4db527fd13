import type { Note } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { mergeNotes, withNotes } from './merge-notes';

const note = (id: string, createdAt: string): Note => ({
  id,
  conversationId: 'c',
  author: null,
  body: id,
  mentionedUserIds: [],
  createdAt,
});

describe('notes in the thread', () => {
  it('merges pages once, oldest first', () => {
    const a = note('a', '2026-01-01T10:00:00.000Z');
    const b = note('b', '2026-01-01T09:00:00.000Z');
    expect(mergeNotes([{ notes: [a] }, { notes: [b, a] }, {}]).map((n) => n.id)).toEqual(['b', 'a']);
  });

  it('slots notes between items by time', () => {
    const items = [
      { kind: 'message', at: '2026-01-01T10:00:00.000Z' },
      { kind: 'message', at: '2026-01-01T12:00:00.000Z' },
    ];
    const merged = withNotes(items, [
      note('n1', '2026-01-01T11:00:00.000Z'),
      note('n2', '2026-01-01T13:00:00.000Z'),
    ]);
    expect(merged.map((i) => ('note' in i ? i.note.id : i.at))).toEqual([
      '2026-01-01T10:00:00.000Z',
      'n1',
      '2026-01-01T12:00:00.000Z',
      'n2',
    ]);
  });
});
