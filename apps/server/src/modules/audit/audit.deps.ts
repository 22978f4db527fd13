import type { Database } from '../../platform/db/database';

/** What the audit log's routes need, built once in container.ts. */
export interface AuditDeps {
  db: Pick<Database, 'query' | 'orm'>;
}

/**
 * The signed-in member reading the log (the auth module's AuthContext has this shape; not
 * imported from there: auth records its own lines through this module).
 */
export interface AuditReader {
  userId: string;
  workspaceId: string;
  role: string;
}
