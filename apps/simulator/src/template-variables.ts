/** `{{1}}` / `{{first_name}}` placeholders of a template text, in order of appearance. */
export function textVariables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => match[1] ?? '');
}

export function uniqueVariables(text: string): string[] {
  return [...new Set(textVariables(text))];
}

/** Replaces each placeholder with its value; values are looked up by name or position. */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) => values.get(name) ?? whole);
}

/** Words of fixed text (variables removed), for the parameters-to-words ratio. */
export function fixedWords(text: string): string[] {
  return text
    .replace(/\{\{[^{}]*\}\}/g, ' ')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}
