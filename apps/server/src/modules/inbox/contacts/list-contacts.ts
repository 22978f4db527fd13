import type { ContactList } from '@charla/contracts';
import { AppError } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';
import { CONTACT_COLUMNS, type ContactRow, toContact } from './contact-view';

const PAGE = 50;

/**
 * Newest first, 50 a page; `q` matches the name, the WhatsApp profile name, or the digits of
 * the phone number. The cursor is the last row's (created time, id).
 */
export async function listContacts(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  opts: { q?: string; cursor?: string },
): Promise<ContactList> {
  const params: unknown[] = [workspaceId];
  const where = ['workspace_id = $1'];
  const q = opts.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like);
    const byText = `(name ILIKE $${params.length} OR profile_name ILIKE $${params.length})`;
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 3 && /^[\d\s+()-]+$/.test(q)) {
      params.push(`%${digits}%`);
      where.push(`(${byText} OR wa_id LIKE $${params.length} OR phone LIKE $${params.length})`);
    } else where.push(byText);
  }
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
