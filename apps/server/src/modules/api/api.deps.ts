import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { AutomationDeps } from '../automation';
import type { BroadcastsDeps } from '../broadcasts';
import type { ContactsDeps } from '../contacts';
import type { InboxDeps } from '../inbox';
import type { PrivacyDeps } from '../privacy';
import type { TemplatesDeps } from '../templates';

/** What the public API needs, built once in container.ts. */
export interface ApiDeps {
  db: Database;
  clock: Clock;
  /** Sends go through the inbox (and so the outbox), as every other message. */
  inbox: InboxDeps;
  /** The other modules' use cases the /api/v1 resources call, as the web app's routes do. */
  contacts: ContactsDeps;
  templates: TemplatesDeps;
  broadcasts: BroadcastsDeps;
  /** A broadcast created, resumed or scheduled to start now starts without waiting for a tick. */
  pokeBroadcasts: () => void;
  automation: AutomationDeps;
  /** Erasing a contact (DELETE /api/v1/contacts/:id) as the app's owners and admins do. */
  privacy: PrivacyDeps;
}

/** A member managing keys in Settings (owners and admins). */
export interface KeyManager {
  userId: string;
  workspaceId: string;
  role: 'owner' | 'admin' | 'agent';
  ip: string | null;
}

/** Who calls /api/v1: a live key of a workspace, with what it may do. */
export interface ApiCaller {
  keyId: string;
  keyName: string;
  workspaceId: string;
  scopes: string[];
  ip: string | null;
}
