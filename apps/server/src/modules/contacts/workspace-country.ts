import type { ContactsDeps } from './contacts.deps';

/**
 * The country a phone number typed without + is read in (ISO alpha-2, Settings > Workspace), or
 * null when the workspace has none: then only numbers with + are understood.
 */
export async function workspaceDefaultCountry(
  deps: Pick<ContactsDeps, 'db'>,
  workspaceId: string,
): Promise<string | null> {
  const [row] = await deps.db.query<{ default_country: string | null }>(
    'SELECT default_country FROM workspaces WHERE id = $1',
    [workspaceId],
  );
  return row?.default_country ?? null;
}
