import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

/** A statement run this often gets a name (one-off statements are not worth a plan kept). */
const RUNS_BEFORE_NAMING = 3;
/** Distinct texts counted at most before the count starts again (texts built with values in them). */
const MAX_COUNTED = 5_000;
/** Named statements at most: each connection keeps the plan of each one it ran. */
const MAX_NAMED = 2_000;

export type StatementOf = (text: string, params?: unknown[]) => QueryConfig;

/** As node-postgres sends it by default: parsed and planned by PostgreSQL on every run. */
export const unnamed: StatementOf = (text, params) => ({ text, values: params });

/**
 * Names the statements Charla runs again and again, so each PostgreSQL connection parses them
 * once and then only binds, plans and executes them (planning stays per run: the connections use
 * `plan_cache_mode = force_custom_plan`, see database.ts). The name is the text's hash,
 * so the same text is the same statement on every connection. Only statements with parameters
 * are named (a parameterless text may hold several statements, which a prepared statement cannot),
 * and only after a few runs, so texts that carry values in them never pile up.
 */
export function createStatementNamer(): StatementOf {
  const counted = new Map<string, number>();
  const names = new Map<string, string>();
  return (text, params) => {
    if (!params || params.length === 0) return { text, values: params };
    const name = names.get(text);
    if (name) return { name, text, values: params };
    if (names.size >= MAX_NAMED) return { text, values: params };
    const runs = (counted.get(text) ?? 0) + 1;
    if (runs < RUNS_BEFORE_NAMING) {
      if (counted.size >= MAX_COUNTED) counted.clear();
      counted.set(text, runs);
      return { text, values: params };
    }
    counted.delete(text);
    const named = `charla_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, named);
    return { name: named, text, values: params };
  };
}
