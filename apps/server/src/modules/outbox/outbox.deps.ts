import type { MessageContent } from '@charla/contracts';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { ChannelGateway, InboxChange, OutboundContent } from '../inbox';

export interface OutboxConfig {
  /** How long a number's lease lasts without renewal (another process takes over after it). */
  leaseMs: number;
  /** A send with no answer and no status webhook after this long never reached Meta: sent again. */
  inDoubtGraceMs: number;
  /** Meta's default throughput per number, when the number has no rate of its own. */
  defaultRatePerSecond: number;
  /** Benchmarks only: no pace at all. */
  unpaced: boolean;
}

export interface OutboxDeps {
  db: Database;
  /** Business time (claims, grace periods); retry backoffs use the database's clock. */
  clock: Clock;
  gateway: ChannelGateway;
  config: OutboxConfig;
  /** The stored content as the channel port takes it (files read from storage when needed). */
  toOutboundContent(workspaceId: string, content: MessageContent): Promise<OutboundContent | null>;
  /** Webhooks received and not yet ingested: a status for a send in doubt may be among them. */
  webhooksPending(): Promise<boolean>;
  /** Tell the browsers; called after commit. */
  notify(changes: InboxChange[]): Promise<void>;
  log: { error(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}
