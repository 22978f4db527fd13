import type { ShopifyEventOutcome } from '@charla/contracts';

/** What one webhook led to, kept with the event. */
export interface ShopifyOutcome {
  outcome: Exclude<ShopifyEventOutcome, 'pending'>;
  detail: string | null;
  messageId?: string | null;
  contactId?: string | null;
}

/** The event being acted on, with its connection. */
export interface ShopifyEventRow {
  id: number | string;
  connection_id: string;
  workspace_id: string;
  topic: string;
  body: unknown;
  channel_id: string;
  automations: unknown;
  recovery_sequence_id: string | null;
  default_country: string | null;
}
