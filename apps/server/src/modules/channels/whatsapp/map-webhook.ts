import type { WebhookUpdate } from '@charla/cloud-api';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { DeliveryUpdate, InboundMessage, InboundReaction } from '../../inbox';
import { describeCloudApiError } from './cloud-api-errors';
import { MAX_ID_LENGTH, mapInboundMessage } from './map-inbound-message';

/** Until 2100: a timestamp past that is a mistake (or forged), and would not fit every column. */
const MAX_UNIX_SECONDS = 4_102_444_800;

const toDate = (unixSeconds: string | number | undefined, fallback: Date) => {
  const n = Number(unixSeconds);
  return Number.isFinite(n) && n > 0 && n <= MAX_UNIX_SECONDS ? new Date(n * 1000) : fallback;
};

/**
 * wa_id digits -> E.164. WhatsApp keeps Mexico's old mobile prefix (521 + 10 digits) in wa_ids;
 * the dialable E.164 number drops the 1. Digits libphonenumber cannot place are kept as given.
 */
export function toE164(waId: string | null | undefined): string | null {
  if (!waId) return null;
  let digits = waId.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('521')) digits = `52${digits.slice(3)}`;
  if (digits.length < 7 || digits.length > 15) return null;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed?.isPossible() ? parsed.number : `+${digits}`;
}

/** Turns one Cloud API `messages` update into the inbox's neutral terms. Pure. */
export function mapWebhookUpdate(
  update: WebhookUpdate,
  channel: { id: string; workspaceId: string },
  receivedAt: Date,
): {
  messages: InboundMessage[];
  statuses: DeliveryUpdate[];
  reactions: InboundReaction[];
  /** Why a message could not be stored (no sender to file it under); reported on the event. */
  skipped: string[];
} {
  const profiles = new Map<string, string | null>();
  for (const c of update.contacts) {
    const key = c.wa_id ?? c.user_id;
    if (key) profiles.set(key, c.profile?.name ?? null);
  }
  // A message without `from` (some system messages) belongs to the one contact of the change.
  const only = update.contacts.length === 1 ? update.contacts[0] : undefined;
  const rawMessages = rawMessagesOf(update.value);
  const messages: InboundMessage[] = [];
  const reactions: InboundReaction[] = [];
  const skipped: string[] = [];
  const tooLong = (id: string | null | undefined) => (id?.length ?? 0) > MAX_ID_LENGTH;
  update.messages.forEach((m, index) => {
    const occurredAt = toDate(m.timestamp, receivedAt);
    const mapped = mapInboundMessage(m);
    if (tooLong(m.id)) {
      skipped.push(`a message whose id is longer than ${MAX_ID_LENGTH} characters`);
      return;
    }
    if (mapped.kind === 'reaction') {
      if (tooLong(mapped.targetExternalId)) {
        skipped.push(`reaction ${m.id}: the id of the message it reacts to is too long`);
        return;
      }
      reactions.push({
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        targetExternalId: mapped.targetExternalId,
        direction: 'inbound',
        emoji: mapped.emoji,
        occurredAt,
      });
      return;
    }
    const waId = m.from ?? (m.from_user_id ? null : (only?.wa_id ?? null));
    const userId = m.from_user_id ?? (m.from ? null : (only?.user_id ?? null));
    if (tooLong(waId) || tooLong(userId)) {
      skipped.push(`message ${m.id}: the sender's id is longer than ${MAX_ID_LENGTH} characters`);
      return;
    }
    if (!waId && !userId) {
      skipped.push(`message ${m.id}: no sender (from / from_user_id) to file it under`);
      return;
    }
    messages.push({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      externalId: m.id,
      occurredAt,
      content: mapped.content,
      text: mapped.text,
      raw: rawMessages[index] ?? m,
      replyToExternalId: mapped.replyToExternalId,
      forwarded: mapped.forwarded,
      referral: mapped.referral,
      contact: {
        waId,
        userId,
        phone: toE164(waId),
        profileName: profiles.get(waId ?? userId ?? '') ?? null,
      },
    });
  });
  const statuses: DeliveryUpdate[] = update.statuses
    .filter((s) => ['sent', 'delivered', 'read', 'failed'].includes(s.status) && !tooLong(s.id))
    .map((s) => {
      const first = s.errors?.[0];
      const described = first ? describeCloudApiError(first.code ?? null) : null;
      return {
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        externalId: s.id,
        status: s.status as DeliveryUpdate['status'],
        occurredAt: toDate(s.timestamp, receivedAt),
        callbackData: s.biz_opaque_callback_data ?? null,
        error:
          s.status === 'failed'
            ? {
                code: first?.code ?? null,
                reason: described?.reason ?? 'WhatsApp could not deliver this message.',
                details: first?.error_data?.details ?? first?.message ?? null,
              }
            : null,
      };
    });
  return { messages, statuses, reactions, skipped };
}

// The parsed messages are index-aligned with the wire array (parseWebhook keeps every one or
// fails the body); the wire object is what we keep as `raw`, untouched by parsing.
function rawMessagesOf(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  const messages = (value as { messages?: unknown }).messages;
  return Array.isArray(messages) ? messages : [];
}
