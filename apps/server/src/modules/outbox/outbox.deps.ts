import type { MessageContent } from '@charla/contracts';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { ChannelGateway, InboxChange, OutboundContent } from '../inbox';
import type { OutboxKind } from './claim-items';

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

/** What was sent: a conversational send of the outbox, or one recipient of a broadcast. */
export type SendKind = OutboxKind | 'broadcast';
/** How a send ended: `retried` WhatsApp (or Charla) refused it for now; `failed` for good. */
export type SendResult = 'sent' | 'retried' | 'failed' | 'in_doubt';

/** Counters the number's pipeline keeps for operators (Prometheus at /metrics, see outbox-metrics.ts). */
export interface OutboxMetrics {
  /** One send's outcome, with WhatsApp's error code when it gave one. */
  countSend(channelId: string, kind: SendKind, result: SendResult, code: number | null): void;
  /** A conversational send WhatsApp took, this many seconds after it was queued. */
  observeLatency(channelId: string, kind: OutboxKind, seconds: number): void;
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
  metrics?: OutboxMetrics;
}
