import type { Clock } from '../../platform/clock';
import type { SecretBox } from '../../platform/crypto';
import type { Database } from '../../platform/db/database';
import type { AutomationDeps } from '../automation';
import type { InboxDeps } from '../inbox';

/** What incoming webhook triggers need, built once in container.ts. */
export interface IntegrationsDeps {
  db: Database;
  clock: Clock;
  /** Seals the triggers' tokens and secrets at rest (SECRET_KEY). */
  secrets: SecretBox;
  /** Templates are sent through the inbox (and so the outbox), as every other message. */
  inbox: InboxDeps;
  /** Bots a trigger starts (as the API does). */
  automation: AutomationDeps;
  /** Charla's public address, for the trigger's URL. */
  publicUrl: string;
  /** After a commit that enrolled contacts in a sequence. */
  wakeAutomation(): void;
  /** After a Shopify webhook was stored: the Shopify worker acts on it. */
  wakeShopify(): void;
  log?: { error(obj: object, msg: string): void };
}

/** Owners and admins manage triggers. */
export interface IntegrationsActor {
  userId: string;
  workspaceId: string;
  role: 'owner' | 'admin' | 'agent';
  ip: string | null;
}
