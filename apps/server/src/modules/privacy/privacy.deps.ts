import type { Database } from '../../platform/db/database';
import type { MediaStorage } from '../../platform/storage/media-storage';
import type { InboxChange } from '../inbox';

/** What exporting and erasing a contact need, built once in container.ts. */
export interface PrivacyDeps {
  db: Database;
  /** Where the contact's files are kept (the inbox's media storage). */
  media: MediaStorage;
  /** Tells open browsers that the contact's conversations changed (they are gone). */
  notify(changes: InboxChange[]): Promise<void>;
  /**
   * Tells every process that these sends must not leave: the outbox's claimed sends of the erased
   * conversations, and the broadcast recipients claimed by a sender.
   */
  sendsForgotten(
    workspaceId: string,
    forgotten: { conversationIds: string[]; recipientIds: number[] },
  ): Promise<void>;
  log: { error(obj: object, msg?: string): void };
}

/** Who asks: owners and admins may export and erase a contact; agents may not. */
export interface PrivacyActor {
  userId: string;
  workspaceId: string;
  role: 'owner' | 'admin' | 'agent';
  ip: string | null;
}

/** An API key erasing a contact (DELETE /api/v1/contacts/:id, scope contacts:write). */
export interface PrivacyKeyActor {
  workspaceId: string;
  apiKey: { id: string; name: string };
  ip: string | null;
}
