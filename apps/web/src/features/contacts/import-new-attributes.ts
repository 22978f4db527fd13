import type {
  ContactAttributeDefinition,
  ContactAttributeType,
  ContactImport,
  NewImportAttribute,
} from '@charla/contracts';
import type { FieldChoice } from './import-mapping';

/** An attribute the user is making from an unmapped column, as the mapping step edits it. */
export interface NewAttributeDraft {
  label: string;
  type: ContactAttributeType;
  /** List options, one a line (or separated by commas). */
  options: string;
}

export type NewAttributeDrafts = Record<string, NewAttributeDraft>;

/** Columns of the file that no field or attribute takes yet: each may become a new attribute. */
export function unmappedColumns(columns: string[], choice: FieldChoice): string[] {
  const taken = new Set(Object.values(choice).filter(Boolean));
  return columns.filter((c) => !taken.has(c));
}

/** "Fecha de alta" → fecha_de_alta, as the attribute settings suggest a key. */
export function suggestKey(label: string): string {
  const key = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);
  return key || 'campo';
}

export const splitOptions = (raw: string) => [
  ...new Set(
    raw
      .split(/\n|,/)
      .map((o) => o.trim())
      .filter(Boolean),
  ),
];

/** A first draft: text, labelled as the column; a list starts from the values the sample rows show. */
export function draftFor(
  preview: Pick<ContactImport, 'columns' | 'sampleRows'>,
  column: string,
): NewAttributeDraft {
  const index = preview.columns.indexOf(column);
  const seen = preview.sampleRows.map((r) => (r[index] ?? '').trim()).filter(Boolean);
  return { label: column.trim().slice(0, 80), type: 'text', options: [...new Set(seen)].join('\n') };
}

/**
 * What the start request carries: each draft of a column still unmapped, with a key no attribute
 * has (a second "Ciudad" becomes `ciudad_2`).
 */
export function toNewAttributes(
  drafts: NewAttributeDrafts,
  unmapped: string[],
  definitions: Pick<ContactAttributeDefinition, 'key'>[],
): NewImportAttribute[] {
  const taken = new Set(definitions.map((d) => d.key));
  return unmapped.flatMap((column) => {
    const draft = drafts[column];
    if (!draft) return [];
    const base = suggestKey(draft.label || column).slice(0, 36);
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
    taken.add(key);
    return [
      {
        column,
        key,
        label: draft.label.trim() || column,
        type: draft.type,
        ...(draft.type === 'list' && { options: splitOptions(draft.options) }),
      },
    ];
  });
}
