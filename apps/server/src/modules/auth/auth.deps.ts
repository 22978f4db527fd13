import type { Clock } from '../../platform/clock';
import type { Orm } from '../../platform/db/database';
import type { Mailer } from '../../platform/mailer';

export interface AuthDeps {
  orm: Orm;
  clock: Clock;
  sessionDays: number;
  publicUrl: string;
  /** Tells every process that these sessions ended, so their realtime sockets close (container.ts). */
  sessionsEnded(ended: SessionsEnded): Promise<void>;
  /** Sends invitations and password resets; null without SMTP_URL (admins copy the links). */
  mailer: Mailer | null;
  /**
   * Puts the member's unfinished conversations back in the queue (unassigned), with a history
   * line, when they lose access: the inbox module does it (wired in container.ts).
   */
  /**
   * A member's request was seen (written to `last_seen_at` at most once a minute), with when they
   * were seen before: a member coming online may take waiting conversations (inbox routing).
   */
  memberSeen?(m: { workspaceId: string; lastSeenAt: Date | null; at: Date }): void;
  /** Automatic assignment was turned on or changed (team, cap): the queue may drain. */
  autoAssignChanged?(workspaceId: string): void;
  returnConversationsToQueue(input: {
    workspaceId: string;
    userId: string;
    actorUserId: string;
    reason: 'member_removed' | 'member_deactivated';
  }): Promise<void>;
}

/** What every process hears when sessions end: it closes the sockets opened with them. */
export interface SessionsEnded {
  workspaceId: string;
  userId: string;
  sessionIds: string[];
}
