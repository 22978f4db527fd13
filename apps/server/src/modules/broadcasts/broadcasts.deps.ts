import type { ContactFilters, MessageContent, Template } from '@charla/contracts';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { JobQueue } from '../../platform/jobs/job-queue';
import type { NormalizedPhone } from '../contacts';
import type { ChannelGateway, OutboundContent } from '../inbox';
import type { ChannelLane } from '../outbox';

/** A number's limits as WhatsApp reports them; null where it gave nothing (then only our cap applies). */
export interface ChannelLimits {
  /** WhatsApp's tier name (`TIER_2K`, `TIER_UNLIMITED`…), when reported. */
  tier: string | null;
  /** Messages per second the number may send, when reported. */
  throughput: number | null;
  /** Unique business-initiated recipients per rolling 24 h for the account; null = unlimited or unknown. */
  messagingLimit: number | null;
}

export interface BroadcastsConfig {
  /** msg/s for a number without its own setting (BROADCAST_DEFAULT_RATE_PER_SECOND). */
  defaultRatePerSecond: number;
  /** How long a send in doubt (claimed, no wamid, e.g. after a crash) waits for Meta's status before it is sent again. */
  inDoubtGraceMs: number;
  /** A sender that stops renewing its number's lease loses it after this long. */
  leaseMs: number;
  /** Benchmarks only (BROADCAST_BENCHMARK_UNPACED): send as fast as Charla can, ignoring rate and throughput. */
  unpaced?: boolean;
}

export interface BroadcastsDeps {
  db: Database;
  clock: Clock;
  jobs: JobQueue;
  /** The same port the inbox sends through: every broadcast message goes to Meta the normal way. */
  gateway: ChannelGateway;
  config: BroadcastsConfig;
  /**
   * The number's lane (modules/outbox): its lease, pacer and outage state, shared with the
   * conversations' sends so one pace governs the number. Null when another process holds it.
   */
  acquireLane(channelId: string): Promise<ChannelLane | null>;
  /** Whether Meta's webhooks are stored but not applied yet: sends in doubt wait for them. */
  webhooksPending(): Promise<boolean>;
  /** An approved (or not) template of the workspace, or null. */
  findTemplate(workspaceId: string, templateId: string): Promise<Template | null>;
  /** Stored template content as the gateway sends it (reads the header file when there is one). */
  toOutboundContent(workspaceId: string, content: MessageContent): Promise<OutboundContent | null>;
  /** A saved contact view's filters, as seen by the broadcast's author. */
  contactViewFilters(
    viewer: { workspaceId: string; userId: string },
    viewId: string,
  ): Promise<{ name: string; filters: ContactFilters }>;
  /** Checks and normalises filters (attribute types) like the contact list does. */
  normaliseContactFilters(workspaceId: string, raw: unknown): Promise<ContactFilters>;
  contactFilterSql(
    filters: ContactFilters,
    firstParam: number,
    alias: string,
  ): { where: string; params: unknown[] };
  /** The one phone normaliser (contacts): E.164, WhatsApp id and match key, or why not. */
  normalizePhone(raw: string, defaultCountry: string): NormalizedPhone;
  /** Decodes (UTF-8 or Windows-1252) and parses a CSV; line 1 is the header. */
  readCsv(bytes: Uint8Array): { line: number; fields: string[] }[];
  /** CSV text (spreadsheet-safe fields), CRLF line ends. */
  toCsv(rows: string[][]): string;
  channelLimits(channelId: string): Promise<ChannelLimits>;
  /** Realtime push to the workspace's browsers. */
  publish(event: { workspaceId: string; type: string; [key: string]: unknown }): Promise<void>;
  /** Tells browsers about the conversations the broadcast wrote into. */
  notifyConversations(
    changes: { workspaceId: string; conversationId: string; messageId: string }[],
  ): Promise<void>;
  log: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}
