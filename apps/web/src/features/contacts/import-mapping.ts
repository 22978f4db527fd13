import type { ContactAttributeDefinition, ContactImportMapping, RejectedRow } from '@charla/contracts';

/** Countries offered for numbers written without `+`. */
export { PHONE_COUNTRIES as COUNTRIES } from '../../lib/phone-number';

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const GUESSES: Record<'phone' | 'name' | 'tags' | 'optIn', string[]> = {
  phone: ['phone', 'telefono', 'tel', 'movil', 'celular', 'whatsapp', 'numero', 'mobile', 'phonenumber'],
  name: ['name', 'nombre', 'fullname', 'nombrecompleto', 'cliente'],
  tags: ['tags', 'etiquetas', 'labels'],
  optIn: ['optin', 'acepta', 'consentimiento', 'consent', 'suscrito'],
};

export type FieldChoice = Record<string, string>;

/** A first guess from the header names: `Teléfono` -> phone, attribute keys or labels -> attributes. */
export function guessMapping(columns: string[], definitions: ContactAttributeDefinition[]): FieldChoice {
  const choice: FieldChoice = {};
  for (const [field, names] of Object.entries(GUESSES)) {
    const column = columns.find((c) => names.includes(norm(c)));
    if (column) choice[field] = column;
  }
  for (const d of definitions) {
    const column = columns.find((c) => norm(c) === norm(d.key) || norm(c) === norm(d.label));
    if (column) choice[`attr:${d.key}`] = column;
  }
  return choice;
}

export function toMapping(choice: FieldChoice): ContactImportMapping {
  const attributes: Record<string, string> = {};
  for (const [field, column] of Object.entries(choice)) {
    if (field.startsWith('attr:') && column) attributes[column] = field.slice(5);
  }
  return {
    phone: choice.phone ?? '',
    ...(choice.name ? { name: choice.name } : {}),
    ...(choice.tags ? { tags: choice.tags } : {}),
    ...(choice.optIn ? { optIn: choice.optIn } : {}),
    attributes,
  };
}

/** The rejected rows as a CSV the user can download and fix; in their language when `words` is given. */
export function rejectedCsv(
  rows: RejectedRow[],
  words?: {
    header: Record<string, string>;
    describe: (row: RejectedRow) => { problem: string; detail: string };
  },
): string {
  const field = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = words
    ? [
        ['line', 'column', 'value', 'problem', 'detail'].map((k) => words.header[k] ?? k),
        ...rows.map((r) => {
          const { problem, detail } = words.describe(r);
          return [String(r.line), r.field ?? '', r.value ?? '', problem, detail];
        }),
      ]
    : [
        ['line', 'code', 'column', 'value', 'reason'],
        ...rows.map((r) => [String(r.line), r.code, r.field ?? '', r.value ?? '', r.reason]),
      ];
  return `\uFEFF${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}
