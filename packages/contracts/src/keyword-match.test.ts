import { describe, expect, it } from 'vitest';
import {
  bestKeywordRule,
  type KeywordMode,
  matchKeywords,
  normaliseForMatch,
  similarity,
} from './keyword-match';

// [message a customer writes, keyword, mode, matches?]
const TABLE: [string, string, KeywordMode, boolean][] = [
  // Spanish: accents, case and punctuation do not matter.
  ['¿Hacéis ENVÍO a Cádiz?', 'envio', 'contains', true],
  ['hacen envio', 'Envío', 'contains', true],
  ['Hola!!', 'hola', 'exact', true],
  ['  hola  ', 'HOLA', 'exact', true],
  ['hola, quería saber el precio', 'hola', 'exact', false],
  ['hola, quería saber el precio', 'hola', 'contains', true],
  ['cholado de mango', 'hola', 'contains', false], // whole words only
  ['¿Cuál es el horario de atención?', 'horario de atencion', 'contains', true],
  ['¿Cuál es el horario?', 'horario de atencion', 'contains', false],
  // Plurals and typos: fuzzy only.
  ['¿Hacéis envíos?', 'envio', 'contains', false],
  ['¿Hacéis envíos?', 'envio', 'fuzzy', true],
  ['precios por favor', 'precio', 'fuzzy', true],
  ['cuanto cuesta el enbio', 'envio', 'fuzzy', true],
  ['horarios de atencion', 'horario de atención', 'fuzzy', true],
  ['gracias', 'precio', 'fuzzy', false],
  ['envase', 'envio', 'fuzzy', false],
  // English.
  ['Do you SHIP to Canada?', 'ship', 'contains', true],
  ['shipping costs?', 'shipping cost', 'fuzzy', true],
  ['What are your opening hours', 'opening hours', 'contains', true],
  ['Hi!', 'hi', 'exact', true],
  ['this is not it', 'hi', 'contains', false],
  ['refund pls', 'refunds', 'fuzzy', true],
  // Emoji: matched as themselves, with or without words around.
  ['👍', '👍', 'exact', true],
  ['perfecto 👍', '👍', 'contains', true],
  ['👍🏽', '👍', 'exact', false], // another skin tone is another emoji
  ['❤️', '❤', 'exact', true], // the variation selector does not count
  ['gracias ❤️ muchas', '❤️', 'contains', true],
];

describe('keyword matching', () => {
  it.each(TABLE)('%j against %j (%s): %s', (message, keyword, mode, expected) => {
    expect(matchKeywords(message, { keywords: [keyword], mode }) !== null).toBe(expected);
  });

  it('normalises as the table expects', () => {
    expect(normaliseForMatch('¿Hacéis ENVÍOS a Cádiz?')).toBe('haceis envios a cadiz');
    expect(normaliseForMatch('Ñandú')).toBe('nandu');
    expect(normaliseForMatch('...')).toBe('');
  });

  it('a stricter threshold refuses what the default accepts', () => {
    const text = 'cuanto cuesta el enbio';
    expect(matchKeywords(text, { keywords: ['envio'], mode: 'fuzzy' })?.score).toBeCloseTo(0.8);
    expect(matchKeywords(text, { keywords: ['envio'], mode: 'fuzzy', threshold: 0.9 })).toBeNull();
    expect(similarity('abc', 'abc')).toBe(1);
  });
});

describe('choosing among rules', () => {
  const rules = [
    { name: 'fuzzy shipping', condition: { keywords: ['envio'], mode: 'fuzzy' as const } },
    {
      name: 'contains prices',
      condition: { keywords: ['precio', 'cuanto cuesta'], mode: 'contains' as const },
    },
    { name: 'exact hello', condition: { keywords: ['hola', 'buenas'], mode: 'exact' as const } },
    { name: 'contains hello', condition: { keywords: ['hola'], mode: 'contains' as const } },
  ];
  const pick = (text: string) => bestKeywordRule(text, rules)?.rule.name ?? null;

  it('prefers exact over contains over fuzzy, whatever their order', () => {
    expect(pick('Hola')).toBe('exact hello');
    expect(pick('hola, ¿cuánto cuesta el envío?')).toBe('contains prices');
    expect(pick('¿hacéis envíos?')).toBe('fuzzy shipping');
    expect(pick('gracias')).toBeNull();
  });

  it('among matches of one mode, the closer one, then the first listed', () => {
    const fuzzy = [
      { name: 'envío', condition: { keywords: ['envio'], mode: 'fuzzy' as const } },
      { name: 'envíos', condition: { keywords: ['envios'], mode: 'fuzzy' as const } },
    ];
    expect(bestKeywordRule('¿hacéis envíos?', fuzzy)?.rule.name).toBe('envíos');
    const same = [
      { name: 'first', condition: { keywords: ['hola'], mode: 'contains' as const } },
      { name: 'second', condition: { keywords: ['hola'], mode: 'contains' as const } },
    ];
    expect(bestKeywordRule('hola', same)?.rule.name).toBe('first');
  });
});
