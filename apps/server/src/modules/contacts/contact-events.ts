import { createTxTopic } from '../../platform/events/tx-topic';

/** A contact came to be, or what Charla keeps about it changed (announced in that transaction). */
export interface ContactEvent {
  workspaceId: string;
  contactId: string;
  kind: 'created' | 'updated';
  /** What changed (`name`, `tags`, `attributes`, `notes`, `optIn`); empty for a new contact. */
  fields: string[];
  /** Where it came from: `whatsapp` (the customer wrote), `member`, `api`, `import`, `automation` (a rule or a bot). */
  source: 'whatsapp' | 'member' | 'api' | 'import' | 'automation';
  at: Date;
}

/** New and changed contacts, heard by webhooks out (`contact.created`, `contact.updated`). */
export const contactEvents = createTxTopic<ContactEvent>();
