import type { IncomingMapping, Template } from '@charla/contracts';
import { templateVariables } from '@charla/contracts/template-rules';

/** One value found in a payload: where it is (a path the trigger can read) and what it holds. */
export interface FoundPath {
  path: string;
  value: string | number | boolean | null;
}

/** A key the trigger's paths can name: no dots, brackets or spaces (those cannot be written in a path). */
const NAMEABLE_KEY = /^[^\s.[\]]+$/;
const MAX_PATHS = 300;
const MAX_ITEMS = 5;

/**
 * Every value of a payload with its path, in the JSON's order: `billing.phone`,
 * `line_items[0].name`. Only the first items of each list and the first 300 values are listed;
 * keys a path cannot name (with a dot, a bracket or a space) are left out, and so is a payload
 * that is a list itself (paths start at an object's key).
 */
export function flattenJson(json: unknown): FoundPath[] {
  const found: FoundPath[] = [];
  const walk = (value: unknown, path: string) => {
    if (found.length >= MAX_PATHS) return;
    if (Array.isArray(value)) {
      for (const [i, item] of value.slice(0, MAX_ITEMS).entries()) walk(item, `${path}[${i}]`);
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (!NAMEABLE_KEY.test(key) || (path === '' && key === '$')) continue;
        walk(inner, path === '' ? key : `${path}.${key}`);
      }
      return;
    }
    if (path === '') return;
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value === null
    )
      found.push({ path, value });
  };
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) walk(json, '');
  return found;
}

/** What a path points at, read as the server reads it: `$.` is optional, `[0]` is an item of a list. */
export function readJsonPath(json: unknown, path: string): unknown {
  let at: unknown = json;
  const dotted = path
    .trim()
    .replace(/^\$\./, '')
    .replace(/\[(\d+)\]/g, '.$1');
  for (const key of dotted.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The text the trigger takes from a path: a string (trimmed) or a number; anything else counts as missing. */
export function textAt(json: unknown, path: string): string {
  if (!path.trim()) return '';
  const value = readJsonPath(json, path);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}

/** Problem with a path as typed: `empty` (for a required one) or `spaces`; null when the server takes it. */
export function pathProblem(path: string, required: boolean): 'empty' | 'spaces' | 'long' | null {
  const trimmed = path.trim();
  if (!trimmed) return required ? 'empty' : null;
  if (/\s/.test(trimmed)) return 'spaces';
  if (trimmed.length > 300) return 'long';
  return null;
}

/** A value as the paths list shows it: strings quoted, long ones cut. */
export function showValue(value: FoundPath['value'], max = 60): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A field of the mapping: the customer's `phone` and `name`, and a template's variables —
 * `header`, `body.<name>` and `buttons.<index>`.
 */
export type FieldKey = 'phone' | 'name' | 'header' | `body.${string}` | `buttons.${string}`;

/** One template variable to fill from the payload, with what the person sees it as. */
export interface VariableField {
  key: FieldKey;
  /** `header` / `body`: the variable (`first_name`); `button`: the button's text. */
  kind: 'header' | 'body' | 'url' | 'code';
  name: string;
}

/** The variables a template needs filled: its header's, its body's by name, its buttons' by index. */
export function variableFields(template: Template | null | undefined): VariableField[] {
  if (!template) return [];
  const variables = templateVariables(template);
  return [
    ...variables.header.map((name) => ({ key: 'header' as const, kind: 'header' as const, name })),
    ...variables.body.map((name) => ({ key: `body.${name}` as const, kind: 'body' as const, name })),
    ...Object.keys(variables.buttons).map((index) => {
      const button = template.buttons[Number(index)];
      return {
        key: `buttons.${index}` as const,
        kind: button?.type === 'copy_code' ? ('code' as const) : ('url' as const),
        name: button && 'text' in button ? button.text : `#${Number(index) + 1}`,
      };
    }),
  ];
}

/**
 * A trigger can send only templates whose every part comes from text: an image, video or
 * document header needs a file a payload cannot give.
 */
export function isSendableTemplate(template: Pick<Template, 'status' | 'header'>): boolean {
  const format = template.header?.format;
  return template.status === 'approved' && (format === undefined || format === 'text');
}

/** The paths as the editor holds them, one text per field. */
export type MappingFields = Partial<Record<FieldKey, string>>;

export function fieldsOf(mapping: IncomingMapping): MappingFields {
  const fields: MappingFields = { phone: mapping.phone, name: mapping.name ?? '' };
  if (mapping.values?.header) fields.header = mapping.values.header;
  for (const [name, path] of Object.entries(mapping.values?.body ?? {})) fields[`body.${name}`] = path;
  for (const [index, path] of Object.entries(mapping.values?.buttons ?? {}))
    fields[`buttons.${index}`] = path;
  return fields;
}

/**
 * The mapping to save: the paths trimmed, empty ones left out, and only the variables `template`
 * has (a path for a variable it lacks makes every send fail); no template, no values.
 */
export function mappingOf(fields: MappingFields, template: Template | null | undefined): IncomingMapping {
  const get = (key: FieldKey) => fields[key]?.trim() ?? '';
  const body: Record<string, string> = {};
  const buttons: Record<string, string> = {};
  let header: string | null = null;
  for (const field of variableFields(template)) {
    const path = get(field.key);
    if (!path) continue;
    if (field.key === 'header') header = path;
    else if (field.key.startsWith('body.')) body[field.key.slice(5)] = path;
    else buttons[field.key.slice(8)] = path;
  }
  return { phone: get('phone'), name: get('name') || null, values: { header, body, buttons } };
}

/** Two mappings say the same (to tell whether the editor has unsaved changes). */
export function sameMapping(a: IncomingMapping, b: IncomingMapping): boolean {
  const norm = (m: IncomingMapping) =>
    JSON.stringify([
      m.phone,
      m.name ?? null,
      m.values?.header ?? null,
      Object.entries(m.values?.body ?? {}).sort(),
      Object.entries(m.values?.buttons ?? {}).sort(),
    ]);
  return norm(a) === norm(b);
}

/** The payload the examples post: an order as a shop sends it. */
export const EXAMPLE_PAYLOAD = '{"billing":{"phone":"+5215512345678","first_name":"Ana"},"number":"1001"}';

const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** A command that posts the example payload to a trigger with its secret, ready to paste in a terminal. */
export function curlCommand(url: string, secret: string, body = EXAMPLE_PAYLOAD): string {
  return [
    `curl -X POST ${shellQuote(url)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H ${shellQuote(`X-Charla-Secret: ${secret}`)} \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

/**
 * What Charla said about a payload, recognised so the page can say it in the reader's language:
 * the phone missing at a path, template values missing at paths, a repeated delivery. Null for
 * anything else (shown as the server wrote it).
 */
export type PayloadDetail =
  | { kind: 'phoneMissing'; path: string }
  | { kind: 'valuesMissing'; paths: string }
  | { kind: 'fillIn'; what: string }
  | { kind: 'duplicate'; delivery: string };

export function payloadDetail(detail: string | null): PayloadDetail | null {
  if (!detail) return null;
  let match = /^The payload has no phone number at (\S+?); /.exec(detail);
  if (match) return { kind: 'phoneMissing', path: match[1] ?? '' };
  match = /^The payload has no value at (.+) for the template's variables\.$/.exec(detail);
  if (match) return { kind: 'valuesMissing', paths: match[1] ?? '' };
  match = /^Fill in (\{\{[^}]+\}\}(?:, \{\{[^}]+\}\})*) before sending the template\.$/.exec(detail);
  if (match) return { kind: 'fillIn', what: match[1] ?? '' };
  match = /^Delivery (.+) was received before\.$/.exec(detail);
  if (match) return { kind: 'duplicate', delivery: match[1] ?? '' };
  return null;
}
