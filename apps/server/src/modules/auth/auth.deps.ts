import type { Clock } from '../../platform/clock';
import type { Orm } from '../../platform/db/database';

export interface AuthDeps {
  orm: Orm;
  clock: Clock;
  sessionDays: number;
  publicUrl: string;
  /** Tells every process that these sessions ended, so their realtime sockets close (container.ts). */
  sessionsEnded(ended: SessionsEnded): Promise<void>;
}

/** What every process hears when sessions end: it closes the sockets opened with them. */
export interface SessionsEnded {
  workspaceId: string;
  userId: string;
  sessionIds: string[];
}
