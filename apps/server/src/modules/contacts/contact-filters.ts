import {
  type AttributeFilter,
  type ContactAttributeDefinition,
  type ContactFilters,
  ContactFiltersSchema,
} from '@charla/contracts';
import { AppError } from '../../platform/errors';
import { listAttributeDefinitions } from './attribute-definitions';
import { checkAttributeValue } from './contact-values';
import type { ContactsDeps } from './contacts.deps';

type Field = { path: string; message: string };

const ORDERED = new Set(['gt', 'gte', 'lt', 'lte']);

/**
 * Checks contact filters against the workspace's attribute definitions and gives each value its
 * attribute's type (`"30"` for a number attribute becomes 30, `31/12/2024` becomes `2024-12-31`),
 * so `contactFilterSql` compares them as that type. Throws a 400 naming every wrong condition.
 * Saved contact views and broadcast audiences go through here before they are stored.
 */
export async function normaliseContactFilters(
  deps: Pick<ContactsDeps, 'db'>,
  workspaceId: string,
  input: unknown,
): Promise<ContactFilters> {
  const parsed = ContactFiltersSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      'invalid',
      'validation_failed',
      'The contact filters are not valid.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const filters = parsed.data;
  const out: ContactFilters = {};
  const q = filters.q?.trim();
  if (q) out.q = q.slice(0, 200);
  const tags = [...new Set((filters.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  if (tags.length) out.tags = tags;
  if (filters.optIn) out.optIn = filters.optIn;
  if (filters.attributes?.length) {
    const defs = new Map((await listAttributeDefinitions(deps, workspaceId)).map((d) => [d.key, d]));
    const fields: Field[] = [];
    const attributes: AttributeFilter[] = [];
    filters.attributes.forEach((f, i) => {
      const checked = checkCondition(f, defs.get(f.key), `attributes.${i}`);
      if ('path' in checked) fields.push(checked);
      else attributes.push(checked);
    });
    if (fields.length)
      throw new AppError('invalid', 'invalid_filter', 'Some attribute conditions cannot be used.', fields);
    out.attributes = attributes;
  }
  return out;
}

function checkCondition(
  f: AttributeFilter,
  def: ContactAttributeDefinition | undefined,
  path: string,
): AttributeFilter | Field {
  if (!def)
    return {
      path: `${path}.key`,
      message: `no contact attribute "${f.key}"; create it in Settings › Contact attributes`,
    };
  if (f.op === 'is_set' || f.op === 'not_set') return { key: f.key, op: f.op, value: null };
  if (f.value === null || f.value === '')
    return { path: `${path}.value`, message: `"${f.op}" needs a value` };
  if (ORDERED.has(f.op) && (def.type === 'boolean' || def.type === 'list' || def.type === 'text'))
    return { path: `${path}.op`, message: `a ${def.type} attribute cannot be compared with "${f.op}"` };
  if (f.op === 'contains') {
    if (def.type !== 'text' && def.type !== 'list')
      return { path: `${path}.op`, message: `"contains" works on text and list attributes, not ${def.type}` };
    return { key: f.key, op: f.op, value: String(f.value) };
  }
  if (def.type === 'text') return { key: f.key, op: f.op, value: String(f.value) };
  // Values from a query string arrive as text: read them the lenient way an import does.
  const check = checkAttributeValue(def, f.value, typeof f.value === 'string' ? 'csv' : 'api');
  if (!check.ok) return { path: `${path}.value`, message: `${def.label} ${check.reason}` };
  return { key: f.key, op: f.op, value: check.value };
}

/**
 * The query encoding of `GET /api/contacts`: `attr=<key>:<op>[:<value>]`, repeated; the value is
 * everything after the second colon (so it may hold colons).
 */
export function parseAttributeQuery(raw: string | string[] | undefined): AttributeFilter[] {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((item, i) => {
    const [key = '', op = '', ...rest] = item.split(':');
    const value = rest.length ? rest.join(':') : null;
    if (!/^(eq|neq|contains|gt|gte|lt|lte|is_set|not_set)$/.test(op))
      throw new AppError('invalid', 'invalid_filter', `attr ${i + 1} ("${item}") has no valid operator.`, [
        {
          path: `attr.${i}`,
          message: 'write key:op:value with op one of eq, neq, contains, gt, gte, lt, lte, is_set, not_set',
        },
      ]);
    return { key, op: op as AttributeFilter['op'], value };
  });
}
