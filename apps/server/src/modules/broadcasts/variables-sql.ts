import type { BroadcastVariables, VariableSource } from '@charla/contracts';

/**
 * The template values of each recipient as one SQL jsonb expression (TemplateValues shape),
 * resolved from the contact (`c`) and, for a CSV audience, its row's columns, with the fallback
 * when the contact has no value. `missing` lists, per row, the variables left without a value
 * (no value and no fallback): those recipients are skipped with that reason.
 */
export function variablesSql(
  variables: BroadcastVariables,
  p: (value: unknown) => string,
): { values: string; missing: string } {
  const missing: string[] = [];
  const expr = (path: string, source: VariableSource) => {
    if (source.source === 'text') return `${p(source.value)}::text`;
    const value = attributeSql(source.key, p);
    const e = source.fallback.trim() === '' ? value : `COALESCE(${value}, ${p(source.fallback)}::text)`;
    missing.push(`CASE WHEN ${e} IS NULL THEN ${p(path)}::text END`);
    return e;
  };
  const object = (prefix: string, record: Record<string, VariableSource>) => {
    const entries = Object.entries(record);
    if (entries.length === 0) return `'{}'::jsonb`;
    return `jsonb_build_object(${entries.map(([k, s]) => `${p(k)}::text, ${expr(`${prefix}.${k}`, s)}`).join(', ')})`;
  };
  const header = variables.header ? expr('header', variables.header) : 'NULL::text';
  const values = `jsonb_build_object('header', ${header}, 'headerMediaId', ${p(variables.headerMediaId)}::text,
    'body', ${object('body', variables.body)}, 'buttons', ${object('buttons', variables.buttons)})`;
  return { values, missing: missing.length ? `concat_ws(', ', ${missing.join(', ')})` : `''` };
}

/** The contact's name: the CSV row's `name` column, else the stored name, else WhatsApp's. */
const NAME_SQL = `NULLIF(btrim(COALESCE(c.row_values ->> 'name', c.name, c.profile_name, '')), '')`;

function attributeSql(key: string, p: (value: unknown) => string): string {
  if (key === 'name') return NAME_SQL;
  // The first word of the name (firstNameOf in packages/contracts), unless the CSV row or the
  // contact has a `first_name` of its own: that one is the person's word for it.
  if (key === 'first_name')
    return `COALESCE(NULLIF(btrim(COALESCE(c.row_values ->> 'first_name', c.attributes ->> 'first_name', '')), ''),
      substring(${NAME_SQL} from '^\\S+'))`;
  if (key === 'phone') return 'c.phone';
  const k = p(key);
  // A CSV column wins over the stored attribute of the same name: the file is this send's data.
  return `NULLIF(btrim(COALESCE(c.row_values ->> ${k}, c.attributes ->> ${k}, '')), '')`;
}
