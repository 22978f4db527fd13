import type { Member } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import {
  filterMembers,
  insertMention,
  isCompleteMention,
  mentionQueryAt,
  noteSegments,
} from './mention-text';

const member = (userId: string, name: string, deactivated = false): Member => ({
  userId,
  name,
  email: `${userId}@example.com`,
  role: 'agent',
  joinedAt: '2026-01-01T00:00:00.000Z',
  deactivatedAt: deactivated ? '2026-02-01T00:00:00.000Z' : null,
});
const team = [
  member('me', 'Carmen'),
  member('beto', 'Beto Álvarez'),
  member('ana', 'Ana Ruiz'),
  member('gone', 'Andrés', true),
];

describe('the @ member picker', () => {
  it.each([
    ['@', 0, ''],
    ['hola @an', 5, 'an'],
    ['hola @Ana Ru', 5, 'Ana Ru'],
  ])('opens for %j', (text, start, query) => {
    expect(mentionQueryAt(text, text.length)).toEqual({ start, query });
  });

  it.each([['ana@ex'], ['hola'], ['@Ana Ruiz y'], ['@ana\nmira']])('stays closed for %j', (text) => {
    expect(mentionQueryAt(text, text.length)).toBeNull();
  });

  it('reads only up to the caret', () => {
    expect(mentionQueryAt('@be y más', 3)).toEqual({ start: 0, query: 'be' });
  });

  it('lists active teammates, not the writer, ignoring accents and case, word starts first', () => {
    expect(filterMembers(team, '', 'me').map((m) => m.userId)).toEqual(['ana', 'beto']);
    expect(filterMembers(team, 'alv', 'me').map((m) => m.userId)).toEqual(['beto']);
    expect(filterMembers(team, 'an', 'me').map((m) => m.userId)).toEqual(['ana']);
    expect(filterMembers(team, 'u', 'me').map((m) => m.userId)).toEqual(['ana']);
  });

  it('closes once a whole name and a space are written', () => {
    expect(isCompleteMention('Carmen ', team)).toBe(true);
    expect(isCompleteMention('carmen', team)).toBe(false);
    expect(isCompleteMention('Ana ', team)).toBe(false);
  });

  it('writes the full name and puts the caret after it', () => {
    const text = 'hola @be, mira';
    expect(insertMention(text, { start: 5, query: 'be' }, 8, 'Beto Álvarez')).toEqual({
      text: 'hola @Beto Álvarez , mira',
      caret: 19,
    });
    expect(insertMention('@an', { start: 0, query: 'an' }, 3, 'Ana Ruiz')).toEqual({
      text: '@Ana Ruiz ',
      caret: 10,
    });
  });
});

describe('mentions in a saved note', () => {
  const members = team.map((m) => ({ id: m.userId, name: m.name }));

  it('cuts out the members the note stored, and only those', () => {
    expect(noteSegments('<b>@Ana Ruiz</b> y @Beto', members, ['ana'])).toEqual([
      { text: '<b>', userIds: null },
      { text: '@Ana Ruiz', userIds: ['ana'] },
      { text: '</b> y @Beto', userIds: null },
    ]);
  });

  it('keeps a note without mentions whole', () => {
    expect(noteSegments('sin menciones', members, [])).toEqual([{ text: 'sin menciones', userIds: null }]);
  });
});
