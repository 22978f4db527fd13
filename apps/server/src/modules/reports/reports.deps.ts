import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import type { JobQueue } from '../../platform/jobs/job-queue';

/** What the reports need, built once in container.ts. */
export interface ReportsDeps {
  db: Database;
  clock: Clock;
  jobs: JobQueue;
}

/** Who asks: agents see only their own figures; owners and admins everyone's. */
export interface ReportsActor {
  userId: string;
  workspaceId: string;
  role: 'owner' | 'admin' | 'agent';
}

/** The workspace's reports beyond an agent's own figures: owners and admins. `what` ends "Only owners and admins …". */
export function assertReportsManager(actor: ReportsActor, what: string): void {
  if (actor.role === 'agent')
    throw new AppError('forbidden', 'reports_admins_only', `Only owners and admins ${what}.`);
}
