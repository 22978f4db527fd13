import { describe, expect, it } from 'vitest';
import { findMentionedUserIds, findMentions } from './note-mentions';

const members = [
  { id: 'ana', name: 'Ana Owner' },
  { id: 'beto', name: 'Beto Admin' },
  { id: 'anabel', name: 'Anabel' },
  { id: 'ana-ruiz', name: 'Ana Ruiz' },
];

describe('who a note names', () => {
  it.each([
    ['@Ana, can you call?', ['ana', 'ana-ruiz']],
    ['ask @ana owner', ['ana']],
    ['@Ana Ruiz lo ve', ['ana-ruiz']],
    ['@Anabel and @Beto', ['beto', 'anabel']],
    ['mail ana@example.com', []],
    ['@Anabelle', []],
    ['(@Beto)', ['beto']],
    ['no mentions', []],
  ])('%s', (body, expected) => {
    expect(findMentionedUserIds(body, members)).toEqual(expected);
  });

  it('a member called just by a first name wins over others with that first name', () => {
    const team = [
      { id: 'ana', name: 'Ana' },
      { id: 'ana-ruiz', name: 'Ana Ruiz' },
    ];
    expect(findMentionedUserIds('@ana mira', team)).toEqual(['ana']);
  });

  it('says where each mention is, for highlighting', () => {
    const body = 'Hola @ana owner y @Beto.';
    expect(findMentions(body, members).map((m) => [body.slice(m.start, m.end), m.userIds])).toEqual([
      ['@ana owner', ['ana']],
      ['@Beto', ['beto']],
    ]);
  });
});
