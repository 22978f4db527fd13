/**
 * Which keyword a customer's message matches, the way a shop owner means it: "envio" matches
 * "¿Hacéis ENVÍOS?", "precio" matches "precios", an emoji matches itself. Text and keywords are
 * compared without case, accents or punctuation; emojis are kept.
 *
 * - `exact`: the whole message is the keyword ("hola", "Hola!!").
 * - `contains`: the keyword appears as whole words in the message ("envío" in "¿hacen envío a
 *   Cádiz?", not "hola" in "cholado").
 * - `fuzzy`: some words of the message are close enough to the keyword (similarity at least the
 *   threshold, 0.8 by default: plurals, one typo in a long word).
 *
 * When several rules match, an exact match beats a contains match, which beats a fuzzy one; then
 * the closer match; then the rule listed first.
 */
export type KeywordMode = 'exact' | 'contains' | 'fuzzy';

export interface KeywordCondition {
  keywords: string[];
  mode: KeywordMode;
  /** fuzzy only: 0..1, how alike the words must be (1 - edits / length). */
  threshold?: number;
}

export interface KeywordMatch {
  keyword: string;
  mode: KeywordMode;
  /** 1 for exact and contains; the similarity for fuzzy. */
  score: number;
}

const DEFAULT_THRESHOLD = 0.8;
const RANK: Record<KeywordMode, number> = { exact: 3, contains: 2, fuzzy: 1 };

/** Lower case, no accents, punctuation as spaces, single spaces; emojis and other symbols kept. */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[\p{P}\s]+/gu, ' ')
    .trim();
}

const wordsOf = (normalised: string) => (normalised ? normalised.split(' ') : []);

/** The best match of one condition in `text`, or null. */
export function matchKeywords(text: string, condition: KeywordCondition): KeywordMatch | null {
  const message = normaliseForMatch(text);
  if (!message) return null;
  const words = wordsOf(message);
  let best: KeywordMatch | null = null;
  for (const keyword of condition.keywords) {
    const wanted = normaliseForMatch(keyword);
    if (!wanted) continue;
    const score = scoreOf(condition, message, words, wanted);
    if (score !== null && (!best || score > best.score)) best = { keyword, mode: condition.mode, score };
  }
  return best;
}

function scoreOf(
  condition: KeywordCondition,
  message: string,
  words: string[],
  wanted: string,
): number | null {
  switch (condition.mode) {
    case 'exact':
      return message === wanted ? 1 : null;
    case 'contains':
      return ` ${message} `.includes(` ${wanted} `) ? 1 : null;
    case 'fuzzy': {
      if (` ${message} `.includes(` ${wanted} `)) return 1;
      const size = wordsOf(wanted).length;
      let best = 0;
      // Every run of as many words as the keyword has.
      for (let i = 0; i + size <= words.length; i++) {
        best = Math.max(best, similarity(words.slice(i, i + size).join(' '), wanted));
      }
      return best >= (condition.threshold ?? DEFAULT_THRESHOLD) ? best : null;
    }
  }
}

/**
 * Which of two matches is the better one: negative when `a` is (exact > contains > fuzzy, then
 * the closer match), 0 when they are as good. Rules and bots order keyword matches with it.
 */
export function compareMatches(a: KeywordMatch, b: KeywordMatch): number {
  return RANK[b.mode] - RANK[a.mode] || b.score - a.score;
}

/**
 * The rule whose condition matches best, by mode (exact > contains > fuzzy), then score, then
 * order; null when none matches.
 */
export function bestKeywordRule<R extends { condition: KeywordCondition }>(
  text: string,
  rules: R[],
): { rule: R; match: KeywordMatch } | null {
  let best: { rule: R; match: KeywordMatch } | null = null;
  for (const rule of rules) {
    const match = matchKeywords(text, rule.condition);
    if (!match) continue;
    if (!best || compareMatches(match, best.match) < 0) best = { rule, match };
  }
  return best;
}

/** 1 - edit distance / longer length, over code points (an emoji is one). */
export function similarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return 1 - previous[y.length]! / longest;
}
