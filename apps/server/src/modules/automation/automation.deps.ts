import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { OutboundRequest, OutboundResponse } from '../../platform/http/outbound-request';
import type { ChannelGateway, InboxChange, OutboxPort } from '../inbox';

/** What automation needs, built once in container.ts. */
export interface AutomationDeps {
  db: Database;
  clock: Clock;
  /** Whether a number accepts a message (lengths, counts), as the inbox checks an agent's. */
  checkContent: ChannelGateway['checkContent'];
  /** Realtime: the inbox's change announcements (a bot stopped, a reply queued). */
  notify(changes: InboxChange[]): Promise<void>;
  /** Wakes the automation worker (a flow start queued). */
  wakeAutomation(): void;
}

/** What the rules engine needs besides: the outbox its sends go through, and the realtime fan-out. */
export interface AutomationEngineDeps extends AutomationDeps {
  outbox: OutboxPort;
  /** Outgoing HTTP for bots' HTTP steps, to the destinations OUTBOUND_HTTP_ALLOW permits. */
  callHttp(req: OutboundRequest): Promise<OutboundResponse>;
  log: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** A rule resolved a conversation (committed): the inbox's satisfaction survey, if the workspace asks. */
  askForRating?(workspaceId: string, conversationId: string): Promise<unknown>;
}

/** Who asks: any member reads the hours; owners and admins change them. */
export interface AutomationActor {
  userId: string;
  workspaceId: string;
  role: 'owner' | 'admin' | 'agent';
  /** The client's address (request.ip, which honours TRUST_PROXY only), for the audit log. */
  ip?: string | null;
  /** An API key acting (its `userId` is no member's): its name for the audit log. */
  label?: string;
}
