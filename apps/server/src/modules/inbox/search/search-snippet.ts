import type { SnippetSegment } from '@charla/contracts';

/**
 * `ts_headline` marks the matching words with these two control characters (stripped from the
 * text first), so the snippet can travel as plain segments instead of HTML.
 */
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/**
 * `ts_headline` drops what looks like HTML (tags, entities) from the text; customer text must
 * come back as written, so `<`, `>` and `&` travel as other control characters and are put back.
 */
const SHIELDED: Record<string, string> = { '\u0003': '<', '\u0004': '>', '\u0005': '&' };

/** SQL: the message text ready for `ts_headline` (markers removed, markup shielded). */
export const headlineInputSql = (column: string) =>
  `translate(coalesce(${column}, ''), '<>&' || chr(1) || chr(2) || chr(3) || chr(4) || chr(5), chr(3) || chr(4) || chr(5))`;

/** A long message: up to two fragments around the matches. */
export const HEADLINE_OPTIONS = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * A short message is shown whole. Fragments start and end on words, so they dropped the
 * punctuation at their edges: "¿Cuándo llega mi pedido?" came back as "Cuándo llega mi pedido".
 */
export const HEADLINE_WHOLE_OPTIONS = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", HighlightAll=true`;

/** Up to this many characters a message is short enough to show whole in a result. */
export const WHOLE_HEADLINE_MAX_CHARS = 160;

/** "a \u0001b\u0002 c" -> [{a , false}, {b, true}, { c, false}]; adjacent pieces of one kind merge. */
export function toSnippetSegments(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  const push = (text: string, match: boolean) => {
    if (text === '') return;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
  };
  let match = false;
  let piece = '';
  for (const ch of marked) {
    if (ch === MATCH_START || ch === MATCH_END) {
      push(piece, match);
      piece = '';
      match = ch === MATCH_START;
    } else piece += SHIELDED[ch] ?? ch;
  }
  push(piece, match);
  return segments;
}
