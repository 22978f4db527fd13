import { describe, expect, it } from 'vitest';
import { findMentionedUserIds } from './note-mentions';

const members = [
  { id: 'ana', name: 'Ana Owner' },
  { id: 'beto', name: 'Beto Admin' },
  { id: 'anabel', name: 'Anabel' },
];

describe('findMentionedUserIds', () => {
  it.each([
    ['@Ana, can you call?', ['ana']],
    ['ask @ana owner', ['ana']],
    ['@Anabel and @Beto', ['beto', 'anabel']],
    ['mail ana@example.com', []],
    ['@Anabelle', []],
    ['no mentions', []],
  ])('%s', (body, expected) => {
    expect(findMentionedUserIds(body, members)).toEqual(expected);
  });
});
