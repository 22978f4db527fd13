/** One run of text as WhatsApp draws it: `*bold*`, `_italic_`, `~strike~`, ```mono``` and `{{variables}}`. */
export type FormattedRun = {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  mono?: boolean;
  /** An unfilled `{{name}}`: the preview marks it so a missing example stands out. */
  variable?: boolean;
};

const token = /(\{\{[^{}]*\}\})|```([^`]+)```|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~/g;

/** Splits a template text into runs; markers only pair on one line, as on the phone. */
export function formatWhatsApp(text: string): FormattedRun[] {
  const runs: FormattedRun[] = [];
  let last = 0;
  for (const match of text.matchAll(token)) {
    const index = match.index ?? 0;
    if (index > last) runs.push({ text: text.slice(last, index) });
    const [whole, variable, mono, bold, italic, strike] = match;
    if (variable !== undefined) runs.push({ text: variable, variable: true });
    else if (mono !== undefined) runs.push({ text: mono, mono: true });
    else if (bold !== undefined) runs.push({ text: bold, bold: true });
    else if (italic !== undefined) runs.push({ text: italic, italic: true });
    else if (strike !== undefined) runs.push({ text: strike, strike: true });
    last = index + whole.length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}
