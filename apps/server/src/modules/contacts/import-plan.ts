import {
  type ContactAttributeDefinition,
  type ContactAttributeValue,
  type ContactImportMapping,
  CreateContactAttributeRequestSchema,
  type NewImportAttribute,
  type RejectedRow,
  type RejectParams,
} from '@charla/contracts';
import { checkAttributeValue, parseBoolean, splitTags } from './contact-values';
import type { CsvRow } from './csv';
import { normalizePhone } from './phone-numbers';

export interface ImportedContact {
  line: number;
  phone: string;
  waId: string;
  /** Shared by every form of the number (see phone-numbers.ts). */
  matchKey: string;
  name: string | null;
  tags: string[];
  attributes: Record<string, ContactAttributeValue>;
  optIn: boolean | null;
}

export type PlannedRow = { ok: true; contact: ImportedContact } | { ok: false; rejected: RejectedRow };

/** Column names that are mapped but absent from the header, and attribute keys the workspace lacks. */
export function checkMapping(
  columns: string[],
  mapping: ContactImportMapping,
  definitions: Pick<ContactAttributeDefinition, 'key'>[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const known = new Set(columns);
  const keys = new Set(definitions.map((d) => d.key));
  for (const [field, column] of Object.entries({
    phone: mapping.phone,
    name: mapping.name,
    tags: mapping.tags,
    optIn: mapping.optIn,
  })) {
    if (column !== undefined && !known.has(column))
      problems.push({ path: `mapping.${field}`, message: `the file has no column "${column}"` });
  }
  for (const [column, key] of Object.entries(mapping.attributes)) {
    if (!known.has(column))
      problems.push({ path: `mapping.attributes.${column}`, message: `the file has no column "${column}"` });
    if (!keys.has(key))
      problems.push({
        path: `mapping.attributes.${column}`,
        message: `unknown attribute "${key}": define it in the contact attributes first`,
      });
  }
  return problems;
}

export type NewAttribute = Omit<ContactAttributeDefinition, 'id'> & { column: string };
type Problem = { path: string; message: string };

/**
 * The attributes to create from unmapped columns, checked as a new attribute is (key, label,
 * type, list options) and against the file: each names a column of the file that nothing else
 * maps, and a key no attribute has yet. Every problem names its column.
 */
export function checkNewAttributes(
  columns: string[],
  mapping: ContactImportMapping,
  requested: NewImportAttribute[],
  definitions: Pick<ContactAttributeDefinition, 'key'>[],
): { ok: true; attributes: NewAttribute[] } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const attributes: NewAttribute[] = [];
  const mapped = new Set(
    [mapping.phone, mapping.name, mapping.tags, mapping.optIn, ...Object.keys(mapping.attributes)].filter(
      (c) => c !== undefined,
    ),
  );
  const keys = new Set(definitions.map((d) => d.key));
  for (const { column, ...request } of requested) {
    const problem = (message: string) =>
      problems.push({ path: `newAttributes.${column}`, message: `column "${column}": ${message}` });
    if (!columns.includes(column)) {
      problem('the file has no such column');
      continue;
    }
    if (mapped.has(column)) {
      problem('the column is already mapped');
      continue;
    }
    mapped.add(column);
    const parsed = CreateContactAttributeRequestSchema.safeParse(request);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problem(`${issue.path.join('.') || 'attribute'} ${issue.message}`);
      continue;
    }
    const { key, label, type, options } = parsed.data;
    if (type === 'list' && !options?.length) problem('a list attribute needs its options');
    else if (keys.has(key)) problem(`an attribute with the key "${key}" exists`);
    else {
      keys.add(key);
      attributes.push({ column, key, label, type, options: type === 'list' ? [...new Set(options)] : null });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, attributes };
}

/**
 * What each data row of the file becomes: a contact to upsert, or a rejection saying why. A
 * number seen on an earlier line of the same file is rejected as a duplicate. Pure.
 */
export function planImport(
  rows: CsvRow[],
  columns: string[],
  mapping: ContactImportMapping,
  definitions: ContactAttributeDefinition[],
  defaultCountry: string,
): PlannedRow[] {
  const index = new Map(columns.map((c, i) => [c, i]));
  const cell = (fields: string[], column: string | undefined) =>
    column === undefined ? '' : (fields[index.get(column) ?? -1] ?? '').trim();
  const defs = new Map(definitions.map((d) => [d.key, d]));
  const firstLine = new Map<string, number>();

  return rows.map(({ line, fields }): PlannedRow => {
    const reject = (
      code: RejectedRow['code'],
      reason: string,
      field: string | null,
      value: string | null,
      params?: RejectParams,
    ) => ({
      ok: false as const,
      rejected: { line, code, reason, field, value, ...(params && { params }) },
    });
    // Cells past the header are fine when empty (trailing separators); filled, they shifted the row.
    const extra = fields
      .slice(columns.length)
      .map((f) => f.trim())
      .filter((f) => f !== '');
    if (extra.length > 0)
      return reject(
        'extra_fields',
        `The row has ${fields.length} cells but the header has ${columns.length} columns: a separator inside a value without quotes?`,
        null,
        extra.join(' | ').slice(0, 200),
        { columns: columns.length, found: fields.length },
      );
    const rawPhone = cell(fields, mapping.phone);
    if (!rawPhone) return reject('missing_phone', 'The phone number is empty', mapping.phone, null);
    const number = normalizePhone(rawPhone, defaultCountry);
    if (!number.ok)
      return reject(
        'invalid_phone',
        `"${rawPhone}" is not a valid phone number (default country ${defaultCountry}): ${number.reason}`,
        mapping.phone,
        rawPhone,
        { country: defaultCountry },
      );
    const attributes: Record<string, ContactAttributeValue> = {};
    for (const [column, key] of Object.entries(mapping.attributes)) {
      const raw = cell(fields, column);
      if (raw === '') continue;
      const def = defs.get(key);
      if (!def)
        return reject('unknown_attribute', `Unknown attribute "${key}"`, column, raw, { attribute: key });
      const checked = checkAttributeValue(def, raw, 'csv');
      if (!checked.ok)
        return reject('invalid_value', `${def.label}: "${raw}" ${checked.reason}`, column, raw, {
          attribute: def.label,
          expected: def.type,
          ...(def.type === 'list' && { options: def.options ?? [] }),
        });
      attributes[key] = checked.value;
    }
    let optIn: boolean | null = null;
    if (mapping.optIn) {
      const raw = cell(fields, mapping.optIn);
      if (raw !== '') {
        optIn = parseBoolean(raw);
        if (optIn === null)
          return reject('invalid_value', `"${raw}" is not yes or no`, mapping.optIn, raw, {
            expected: 'yes_no',
          });
      }
    }
    const seenAt = firstLine.get(number.matchKey);
    if (seenAt !== undefined)
      return reject(
        'duplicate_in_file',
        `${number.phone} already appears on line ${seenAt}`,
        mapping.phone,
        rawPhone,
        { firstLine: seenAt },
      );
    firstLine.set(number.matchKey, line);
    const name = cell(fields, mapping.name);
    return {
      ok: true,
      contact: {
        line,
        phone: number.phone,
        waId: number.waId,
        matchKey: number.matchKey,
        name: name ? name.slice(0, 200) : null,
        tags: mapping.tags ? splitTags(cell(fields, mapping.tags)) : [],
        attributes,
        optIn,
      },
    };
  });
}
