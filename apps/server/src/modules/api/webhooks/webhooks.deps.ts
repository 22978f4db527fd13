import type { Clock } from '../../../platform/clock';
import type { SecretBox } from '../../../platform/crypto';
import type { Database } from '../../../platform/db/database';
import type { OutboundRequest, OutboundResponse } from '../../../platform/http/outbound-request';
import type { WebhookMetrics } from './webhook-metrics';

/** What webhooks out need, built once in container.ts. */
export interface WebhookDeps {
  db: Database;
  clock: Clock;
  /** Seals subscription secrets at rest (SECRET_KEY). */
  secrets: SecretBox;
  /** Outgoing HTTP through the guard: public addresses only unless OUTBOUND_HTTP_ALLOW says so. */
  callHttp(req: OutboundRequest): Promise<OutboundResponse>;
  /** Wakes the delivery worker (after a commit that queued deliveries, a replay, a test event). */
  wake(): void;
  /** Tells the workspace's owners something (an email when SMTP is set); best effort. */
  tellOwners(workspaceId: string, subject: string, text: string): Promise<void>;
  log: { error(obj: object, msg?: string): void };
  /** Each try's outcome for /metrics; absent, nothing is counted. */
  metrics?: WebhookMetrics;
}
