import type { AttributeFilter, ContactFilters } from '@charla/contracts';

/**
 * A SQL condition for "which contacts" (contact list, saved contact views, broadcast audiences).
 * The caller adds the workspace condition (`workspace_id = $1`) and passes the number of its next
 * parameter; every value here is a parameter. Attribute values are stored with their definition's
 * type (number as a JSON number, boolean as a JSON boolean, date as `YYYY-MM-DD` text), and
 * `normaliseContactFilters` gives filter values that same type, so the comparison follows the
 * definition: numbers numerically, dates in calendar order, text and lists without case.
 * An attribute holding another type than the filter value never matches (and never errors).
 */
export function contactFilterSql(
  filters: ContactFilters,
  firstParam: number,
  alias = 'contacts',
): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const parts: string[] = [];
  const q = filters.q?.trim();
  if (q) {
    const like = p(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const byText = `(${alias}.name ILIKE ${like} OR ${alias}.profile_name ILIKE ${like})`;
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 3 && /^[\d\s+()-]+$/.test(q)) {
      const d = p(`%${digits}%`);
      // A whole number in another of its forms (WhatsApp's 521..., Brazil without the 9) too.
      const key = `${alias}.phone_key = phone_match_key(${p(digits)})`;
      parts.push(`(${byText} OR ${alias}.wa_id LIKE ${d} OR ${alias}.phone LIKE ${d} OR ${key})`);
    } else parts.push(byText);
  }
  const tags = filters.tags?.filter((t) => t.trim() !== '');
  if (tags?.length) parts.push(`${alias}.tags && ${p(tags)}::text[]`);
  if (filters.optIn) parts.push(`${alias}.opt_in_state = ${p(filters.optIn)}`);
  for (const f of filters.attributes ?? []) parts.push(attributeSql(f, `${alias}.attributes`, p));
  return { where: parts.length ? parts.join(' AND ') : 'TRUE', params };
}

const COMPARE = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function attributeSql(f: AttributeFilter, column: string, p: (v: unknown) => string): string {
  const key = p(f.key);
  const json = `${column} -> ${key}`;
  const text = `${column} ->> ${key}`;
  const isSet = `COALESCE(${text}, '') <> ''`;
  const value = f.value;
  switch (f.op) {
    case 'is_set':
      return isSet;
    case 'not_set':
      return `NOT (${isSet})`;
    case 'contains':
      return `COALESCE(${text} ILIKE ${p(`%${String(value ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}, false)`;
    case 'eq':
    case 'neq': {
      const eq = equalsSql(json, text, value, p);
      // "Not X" includes contacts without the attribute: a user excluding "plan = premium"
      // expects the contacts with no plan too.
      return f.op === 'eq' ? `COALESCE(${eq}, false)` : `NOT COALESCE(${eq}, false)`;
    }
    default: {
      const op = COMPARE[f.op];
      if (typeof value === 'number')
        return `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN (${text})::numeric ${op} ${p(value)}::numeric ELSE false END)`;
      if (typeof value === 'string')
        // Dates are `YYYY-MM-DD`, so text order is calendar order.
        return `(CASE WHEN jsonb_typeof(${json}) = 'string' THEN ${text} ${op} ${p(value)} ELSE false END)`;
      return 'false';
    }
  }
}

function equalsSql(json: string, text: string, value: AttributeFilter['value'], p: (v: unknown) => string) {
  if (value === null) return `NOT (COALESCE(${text}, '') <> '')`;
  if (typeof value === 'number')
    return `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN (${text})::numeric = ${p(value)}::numeric ELSE false END)`;
  if (typeof value === 'boolean') return `(${json} = ${p(JSON.stringify(value))}::jsonb)`;
  return `(jsonb_typeof(${json}) = 'string' AND lower(${text}) = lower(${p(value)}))`;
}
