import { describe, expect, it } from 'vitest';
import { MATCH_END as E, MATCH_START as S, toSnippetSegments } from './search-snippet';

describe('toSnippetSegments', () => {
  it('splits the marked words out of the text', () => {
    expect(toSnippetSegments(`Quiero unos ${S}zapatos${E} rojos`)).toEqual([
      { text: 'Quiero unos ', match: false },
      { text: 'zapatos', match: true },
      { text: ' rojos', match: false },
    ]);
  });

  it('keeps markup-looking text as text and merges neighbouring matches', () => {
    expect(toSnippetSegments(`<b>${S}ship${E}${S}ped${E}</b>`)).toEqual([
      { text: '<b>', match: false },
      { text: 'shipped', match: true },
      { text: '</b>', match: false },
    ]);
  });

  it('gives nothing for an empty headline and plain text for one without matches', () => {
    expect(toSnippetSegments('')).toEqual([]);
    expect(toSnippetSegments('hola')).toEqual([{ text: 'hola', match: false }]);
  });
});

describe('shielded markup', () => {
  it('puts back <, > and & that travelled as control characters', () => {
    expect(toSnippetSegments(`\u0003b\u0004 ${S}tom${E} \u0005 jerry`)).toEqual([
      { text: '<b> ', match: false },
      { text: 'tom', match: true },
      { text: ' & jerry', match: false },
    ]);
  });
});
