import type { ContactFilters, ContactList } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import { contactFilterSql } from './contact-filter-sql';
import { CONTACT_COLUMNS, type ContactRow, toContact } from './contact-view';
import type { ContactsDeps } from './contacts.deps';

const PAGE = 50;

/**
 * Newest first, 50 a page, filtered by `ContactFilters` (see contact-filter-sql.ts); `total`
 * counts every match. The cursor is the last row's (created time, id).
 */
export async function listContacts(
  deps: Pick<ContactsDeps, 'db'>,
  workspaceId: string,
  opts: { filters?: ContactFilters; cursor?: string },
): Promise<ContactList> {
  const params: unknown[] = [workspaceId];
  const where = ['workspace_id = $1'];
  const cond = contactFilterSql(opts.filters ?? {}, 2);
  where.push(cond.where);
  params.push(...cond.params);
  const filter = where.join(' AND ');
  const [count] = await deps.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM contacts WHERE ${filter}`,
    params,
  );
  const pageParams = [...params];
  let after = '';
  if (opts.cursor) {
    const [at, id] = Buffer.from(opts.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
      throw new AppError('invalid', 'invalid_cursor', 'The cursor is not one this API handed out.');
    pageParams.push(at, id);
    after = `AND (created_at, id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`;
  }
  pageParams.push(PAGE + 1);
  const rows = await deps.db.query<ContactRow & Record<string, unknown>>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${filter} ${after}
      ORDER BY created_at DESC, id DESC LIMIT $${pageParams.length}`,
    pageParams,
  );
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    items: page.map(toContact),
    total: count?.n ?? 0,
    nextCursor:
      rows.length > PAGE && last
        ? Buffer.from(`${new Date(last.created_at).toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}
