import type { SystemEvent, WebhookUpdate } from '@charla/cloud-api';
import { phoneFromWaId } from '../../contacts';
import type { DeliveryUpdate, IdentityChange, InboundMessage, InboundReaction } from '../../inbox';
import { describeCloudApiError } from './cloud-api-errors';
import { MAX_ID_LENGTH, mapInboundMessage } from './map-inbound-message';
import { isBusinessScopedUserId, isWhatsAppId } from './whatsapp-ids';

/** How far Meta's clock may run ahead of ours. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
/** Meta retries an undelivered webhook for up to 7 days: a time older than this is not a real one. */
export const MAX_PAST_MS = 30 * 86_400_000;

/**
 * Meta's time of a message or status, unless it cannot be true: further ahead than a small clock
 * skew (a year-5138 timestamp would pin its conversation on top and hold its 24-hour window
 * open) or older than any retry. Then the time we received it is used; Meta's value stays in
 * the message's `raw`.
 */
export function boundedTime(unixSeconds: string | number | undefined, receivedAt: Date): Date {
  const ms = Number(unixSeconds) * 1000;
  const now = receivedAt.getTime();
  if (!Number.isFinite(ms) || ms <= 0 || ms > now + MAX_FUTURE_SKEW_MS || ms < now - MAX_PAST_MS)
    return receivedAt;
  return new Date(ms);
}

/** WhatsApp usernames have at most 35 characters; a longer one is not kept. */
const MAX_USERNAME_LENGTH = 64;

type WireContact = WebhookUpdate['contacts'][number];

/**
 * The `contacts[]` entry that describes a message's sender: the one with its wa_id or its user
 * id; a message that names neither (some system messages) belongs to the only entry, if one.
 */
function contactEntryFinder(contacts: WireContact[]) {
  const byWaId = new Map<string, WireContact>();
  const byUserId = new Map<string, WireContact>();
  for (const c of contacts) {
    if (c.wa_id) byWaId.set(c.wa_id, c);
    if (c.user_id) byUserId.set(c.user_id, c);
  }
  const only = contacts.length === 1 ? contacts[0] : undefined;
  return (m: { from?: string; from_user_id?: string }): WireContact | undefined => {
    if (m.from && byWaId.has(m.from)) return byWaId.get(m.from);
    if (m.from_user_id && byUserId.has(m.from_user_id)) return byUserId.get(m.from_user_id);
    return m.from || m.from_user_id ? undefined : only;
  };
}

/**
 * What a system message says about the customer's identity: a new number (`user_changed_number`,
 * the older `customer_changed_number`; a new BSUID comes with it) or a new user id
 * (`user_changed_user_id`). Ids that are not well formed are ignored, and so is the change.
 */
function identityChangeOf(system: SystemEvent): IdentityChange | undefined {
  const bsuid = (id: string | undefined) => (id && isBusinessScopedUserId(id) ? id : null);
  if (system.type === 'user_changed_number' || system.type === 'customer_changed_number') {
    const newWaId = system.wa_id ?? system.new_wa_id;
    if (!newWaId || !isWhatsAppId(newWaId)) return undefined;
    return {
      kind: 'number',
      newWaId,
      newUserId: bsuid(system.user_id),
      newParentUserId: bsuid(system.parent_user_id),
    };
  }
  if (system.type === 'user_changed_user_id') {
    const newUserId = bsuid(system.user_id);
    return newUserId
      ? { kind: 'user_id', newUserId, newParentUserId: bsuid(system.parent_user_id) }
      : undefined;
  }
  return undefined;
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
  /**
   * Messages refused because their sender is neither a WhatsApp id nor a business-scoped user id
   * (a forged or broken body): kept in the event, which is marked failed with these reasons.
   */
  refused: string[];
} {
  const entryOf = contactEntryFinder(update.contacts);
  const rawMessages = rawMessagesOf(update.value);
  const messages: InboundMessage[] = [];
  const reactions: InboundReaction[] = [];
  const skipped: string[] = [];
  const refused: string[] = [];
  const tooLong = (id: string | null | undefined) => (id?.length ?? 0) > MAX_ID_LENGTH;
  update.messages.forEach((m, index) => {
    const occurredAt = boundedTime(m.timestamp, receivedAt);
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
    const entry = entryOf(m);
    const waId = m.from ?? entry?.wa_id ?? null;
    const userId = m.from_user_id ?? entry?.user_id ?? null;
    if (tooLong(waId) || tooLong(userId)) {
      skipped.push(`message ${m.id}: the sender's id is longer than ${MAX_ID_LENGTH} characters`);
      return;
    }
    if (!waId && !userId) {
      skipped.push(
        m.type === 'system'
          ? `message ${m.id}: WhatsApp said a customer's ${m.system.type === 'user_changed_user_id' ? 'user id' : 'number'} changed without naming them (no from / from_user_id), so no contact could be re-linked`
          : `message ${m.id}: no sender (from / from_user_id) to file it under`,
      );
      return;
    }
    if ((waId !== null && !isWhatsAppId(waId)) || (userId !== null && !isBusinessScopedUserId(userId))) {
      refused.push(
        `message ${m.id} not filed: its sender ${JSON.stringify(waId ?? userId)} is neither a WhatsApp id (7 to 15 digits) nor a business-scoped user id (CC.alphanumerics); the message is kept in this event`,
      );
      return;
    }
    const parentUserId = m.from_parent_user_id ?? entry?.parent_user_id ?? null;
    const username = entry?.profile?.username ?? null;
    const identityChange = m.type === 'system' ? identityChangeOf(m.system) : undefined;
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
        phone: phoneFromWaId(waId),
        profileName: entry?.profile?.name ?? null,
        parentUserId: parentUserId && isBusinessScopedUserId(parentUserId) ? parentUserId : null,
        username: username && username.length <= MAX_USERNAME_LENGTH ? username : null,
      },
      ...(identityChange && { identityChange }),
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
        occurredAt: boundedTime(s.timestamp, receivedAt),
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
  return { messages, statuses, reactions, skipped, refused };
}

// The parsed messages are index-aligned with the wire array (parseWebhook keeps every one or
// fails the body); the wire object is what we keep as `raw`, untouched by parsing.
function rawMessagesOf(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  const messages = (value as { messages?: unknown }).messages;
  return Array.isArray(messages) ? messages : [];
}

/**
 * Turns a `calls` change (WhatsApp Business Calling API) into thread lines. Charla does not answer
 * WhatsApp calls: each call a customer makes becomes one line when it ends (`terminate`), missed
 * unless it was completed elsewhere. `connect` events are left out (their `terminate` follows).
 */
export function mapCallsUpdate(
  update: WebhookUpdate,
  channel: { id: string; workspaceId: string },
  receivedAt: Date,
): { messages: InboundMessage[]; skipped: string[] } {
  const messages: InboundMessage[] = [];
  const skipped: string[] = [...(update.skippedItems ?? [])];
  const names = new Map<string, string | null>();
  for (const c of update.contacts) if (c.wa_id) names.set(c.wa_id, c.profile?.name ?? null);
  for (const call of update.calls ?? []) {
    if (call.event !== 'terminate') continue;
    if (call.direction && call.direction.toUpperCase() !== 'USER_INITIATED') {
      skipped.push(`call ${call.id}: only calls customers make are shown (this one was ${call.direction})`);
      continue;
    }
    const waId = call.from ?? null;
    if (!waId || !isWhatsAppId(waId) || call.id.length > MAX_ID_LENGTH) {
      skipped.push(`call ${call.id}: no caller WhatsApp id to file it under`);
      continue;
    }
    const duration = Number(call.duration);
    const completed = call.status?.toUpperCase() === 'COMPLETED' && Number.isFinite(duration) && duration > 0;
    const content = {
      type: 'call' as const,
      event: completed ? ('ended' as const) : ('missed' as const),
      durationSeconds: completed ? duration : null,
    };
    messages.push({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      externalId: call.id,
      occurredAt: boundedTime(call.timestamp, receivedAt),
      content,
      text: '📞',
      raw: call,
      replyToExternalId: null,
      forwarded: null,
      referral: null,
      contact: { waId, userId: null, phone: phoneFromWaId(waId), profileName: names.get(waId) ?? null },
    });
  }
  return { messages, skipped };
}
