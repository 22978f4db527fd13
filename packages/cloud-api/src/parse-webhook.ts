import { z } from 'zod';
import type { WebhookError } from './errors';
import { formatIssue } from './format-issue';
import { type InboundMessage, parseInboundMessage } from './inbound-messages';
import {
  type CallEvent,
  CallEventSchema,
  type MessageStatusUpdate,
  MessagesWebhookValueSchema,
  type WebhookContact,
  WebhookEnvelopeSchema,
} from './webhook';
import {
  isTemplateField,
  TEMPLATE_WEBHOOK_VALUE_SCHEMAS,
  type TemplateWebhookEvent,
  type UserPreference,
  UserPreferenceSchema,
  UserPreferencesValueSchema,
} from './webhook-templates';

/** One `changes[]` item, flattened with its entry's WABA id. */
export type WebhookUpdate = {
  field: string;
  wabaId: string;
  phoneNumberId: string | null;
  displayPhoneNumber: string | null;
  contacts: WebhookContact[];
  messages: InboundMessage[];
  statuses: MessageStatusUpdate[];
  errors: WebhookError[];
  /** Template status/quality/category webhooks (§4.5); set (possibly empty) by parseWebhook. */
  templateUpdates?: TemplateWebhookEvent[];
  /** Marketing opt-outs/ins of a `user_preferences` change (§5.7); set (possibly empty) by parseWebhook. */
  userPreferences?: UserPreference[];
  /** Items of the change that could not be read and were skipped, each with where and why. */
  skippedItems?: string[];
  /** Call events of a `calls` change; set (possibly empty) for that field. */
  calls?: CallEvent[];
  /** The change's value as received, for storing or for fields this package does not type. */
  value: unknown;
};

// Messages are read one by one so one surprising message cannot fail the others (see below).
const LenientMessagesValueSchema = MessagesWebhookValueSchema.extend({
  messages: z.array(z.unknown()).optional(),
});

export type ParseWebhookResult = { ok: true; updates: WebhookUpdate[] } | { ok: false; reason: string };

/**
 * Pure parse of a webhook POST body. Changes of other fields are returned with empty arrays so the
 * caller decides whether to store or ignore them. A message whose payload surprises us is kept as
 * `unknown` with its `invalidReason` (Charla must never lose a customer's message to one odd field);
 * only envelope-level problems (metadata, statuses, a message without id/timestamp) fail the body,
 * because a partial read would silently lose updates.
 */
export function parseWebhook(json: unknown): ParseWebhookResult {
  const envelope = WebhookEnvelopeSchema.safeParse(json, { reportInput: true });
  if (!envelope.success) return { ok: false, reason: formatFirstIssue(envelope.error.issues) };

  const updates: WebhookUpdate[] = [];
  for (const [entryIndex, entry] of envelope.data.entry.entries()) {
    for (const [changeIndex, change] of entry.changes.entries()) {
      const prefix = ['entry', entryIndex, 'changes', changeIndex, 'value'];
      if (isTemplateField(change.field)) {
        const schema = TEMPLATE_WEBHOOK_VALUE_SCHEMAS[change.field];
        const value = schema.safeParse(change.value, { reportInput: true });
        if (!value.success) return { ok: false, reason: formatFirstIssue(value.error.issues, prefix) };
        const event = {
          field: change.field,
          time: entry.time ?? null,
          templateId: String(value.data.message_template_id),
          value: value.data,
        } as TemplateWebhookEvent;
        updates.push({ ...emptyUpdate(change.field, entry.id, change.value), templateUpdates: [event] });
        continue;
      }
      if (change.field === 'user_preferences') {
        const value = UserPreferencesValueSchema.safeParse(change.value, { reportInput: true });
        if (!value.success) return { ok: false, reason: formatFirstIssue(value.error.issues, prefix) };
        const userPreferences: UserPreference[] = [];
        const skippedItems: string[] = [];
        for (const [index, item] of value.data.user_preferences.entries()) {
          const read = UserPreferenceSchema.safeParse(item, { reportInput: true });
          if (read.success) userPreferences.push(read.data);
          else
            skippedItems.push(
              `a user_preferences item skipped: ${formatFirstIssue(read.error.issues, [...prefix, 'user_preferences', index])}`,
            );
        }
        updates.push({
          ...emptyUpdate(change.field, entry.id, change.value),
          phoneNumberId: value.data.metadata.phone_number_id,
          displayPhoneNumber: value.data.metadata.display_phone_number,
          contacts: value.data.contacts ?? [],
          userPreferences,
          skippedItems,
        });
        continue;
      }
      if (change.field === 'calls') {
        // Read item by item like user_preferences: one odd call event is skipped, not the change.
        const items = isRecord(change.value) && Array.isArray(change.value.calls) ? change.value.calls : [];
        const calls: CallEvent[] = [];
        const skippedItems: string[] = [];
        for (const [index, item] of items.entries()) {
          const read = CallEventSchema.safeParse(item, { reportInput: true });
          if (read.success) calls.push(read.data);
          else
            skippedItems.push(
              `a call event skipped: ${formatFirstIssue(read.error.issues, [...prefix, 'calls', index])}`,
            );
        }
        const contacts =
          isRecord(change.value) && Array.isArray(change.value.contacts) ? change.value.contacts : [];
        updates.push({
          ...emptyUpdate(change.field, entry.id, change.value),
          ...readMetadata(change.value),
          contacts: contacts.filter(isRecord) as WebhookContact[],
          calls,
          skippedItems,
        });
        continue;
      }
      if (change.field !== 'messages') {
        updates.push({ ...emptyUpdate(change.field, entry.id, change.value), ...readMetadata(change.value) });
        continue;
      }
      const value = LenientMessagesValueSchema.safeParse(change.value, { reportInput: true });
      if (!value.success) return { ok: false, reason: formatFirstIssue(value.error.issues, prefix) };
      const messages: InboundMessage[] = [];
      for (const [index, raw] of (value.data.messages ?? []).entries()) {
        const parsed = parseInboundMessage(raw, [...prefix, 'messages', index]);
        if (!parsed.ok) return { ok: false, reason: parsed.reason };
        messages.push(parsed.message);
      }
      updates.push({
        field: change.field,
        wabaId: entry.id,
        phoneNumberId: value.data.metadata.phone_number_id,
        displayPhoneNumber: value.data.metadata.display_phone_number,
        contacts: value.data.contacts ?? [],
        messages,
        statuses: value.data.statuses ?? [],
        errors: value.data.errors ?? [],
        templateUpdates: [],
        userPreferences: [],
        value: change.value,
      });
    }
  }
  return { ok: true, updates };
}

function formatFirstIssue(
  issues: Parameters<typeof formatIssue>[0][],
  prefix: (string | number)[] = [],
): string {
  const [first] = issues;
  if (!first) return 'invalid webhook body';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return formatIssue(first, prefix) + more;
}

function emptyUpdate(field: string, wabaId: string, value: unknown): WebhookUpdate {
  return {
    field,
    wabaId,
    phoneNumberId: null,
    displayPhoneNumber: null,
    contacts: [],
    messages: [],
    statuses: [],
    errors: [],
    templateUpdates: [],
    userPreferences: [],
    value,
  };
}

// Several non-message fields (smb_message_echoes, user_preferences) still carry metadata; keep it
// when present so the caller can route the update to a number.
function readMetadata(value: unknown): Pick<WebhookUpdate, 'phoneNumberId' | 'displayPhoneNumber'> {
  const metadata = isRecord(value) && isRecord(value.metadata) ? value.metadata : {};
  return {
    phoneNumberId: typeof metadata.phone_number_id === 'string' ? metadata.phone_number_id : null,
    displayPhoneNumber:
      typeof metadata.display_phone_number === 'string' ? metadata.display_phone_number : null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
