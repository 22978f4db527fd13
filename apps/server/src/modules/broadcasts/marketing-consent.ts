import type { TemplateCategory } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { VALID_WA_ID_SQL } from './audience-source';

/**
 * Whether this send leaves out the contacts whose consent is unknown: a marketing template while
 * the workspace sends marketing only to opted-in contacts (Settings, `marketingOptedInOnly`).
 * Utility and authentication templates are not marketing and go to them as before.
 */
export async function isOptedInOnly(
  query: Query,
  workspaceId: string,
  category: TemplateCategory | undefined,
): Promise<boolean> {
  if (category !== 'marketing') return false;
  const [row] = await query<{ only: boolean }>(
    'SELECT marketing_opted_in_only AS only FROM workspaces WHERE id = $1',
    [workspaceId],
  );
  return row?.only === true;
}

/** A contact (alias `c` of an audience source) who never said yes or no, with a number we could send to. */
export const UNKNOWN_CONSENT_SQL = `(c.opt_in_state NOT IN ('opted_in', 'opted_out') AND COALESCE(${VALID_WA_ID_SQL('c')}, false))`;
