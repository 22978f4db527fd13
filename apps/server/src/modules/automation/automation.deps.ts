import type { Database } from '../../platform/db/database';

/** What automation needs, built once in container.ts. */
export interface AutomationDeps {
  db: Database;
}

/** Who asks: any member reads the hours; owners and admins change them. */
export interface AutomationActor {
  userId: string;
  workspaceId: string;
  role: 'owner' | 'admin' | 'agent';
}
