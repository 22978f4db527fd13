import type { WebhookUpdate } from '@charla/cloud-api';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { DeliveryUpdate, InboundMessage } from '../../inbox';
import { describeCloudApiError } from './error-reasons';

const toDate = (unixSeconds: string | number | undefined, fallback: Date) => {
  const n = Number(unixSeconds);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : fallback;
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

function textOf(m: Record<string, unknown>): string | null {
  const type = m.type as string;
  const body = m[type] as Record<string, unknown> | undefined;
  if (type === 'text') return (body?.body as string) ?? null;
  const caption = body?.caption;
  return typeof caption === 'string' ? caption : null;
}

/** Turns one Cloud API `messages` update into the inbox's neutral terms. Pure. */
export function mapWebhookUpdate(
  update: WebhookUpdate,
  channel: { id: string; workspaceId: string },
  receivedAt: Date,
): { messages: InboundMessage[]; statuses: DeliveryUpdate[] } {
  const profiles = new Map<string, string | null>();
  for (const c of update.contacts) {
    const key = c.wa_id ?? c.user_id;
    if (key) profiles.set(key, c.profile?.name ?? null);
  }
  const messages: InboundMessage[] = update.messages.map((raw) => {
    const m = raw as Record<string, unknown>;
    const waId = (m.from as string | undefined) ?? null;
    const userId = (m.from_user_id as string | undefined) ?? null;
    return {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      externalId: m.id as string,
      occurredAt: toDate(m.timestamp as string, receivedAt),
      type: m.type as string,
      text: textOf(m),
      content: m,
      contact: {
        waId,
        userId,
        phone: toE164(waId),
        profileName: profiles.get(waId ?? userId ?? '') ?? null,
      },
    };
  });
  const statuses: DeliveryUpdate[] = update.statuses
    .filter((s) => ['sent', 'delivered', 'read', 'failed'].includes(s.status))
    .map((s) => {
      const first = s.errors?.[0];
      const described = first ? describeCloudApiError(first.code ?? null) : null;
      return {
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        externalId: s.id,
        status: s.status as DeliveryUpdate['status'],
        occurredAt: toDate(s.timestamp, receivedAt),
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
  return { messages, statuses };
}
