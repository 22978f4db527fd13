import { originalIdOf, type WebhookError, type InboundMessage as WireMessage } from '@charla/cloud-api';
import { phoneFromWaId } from '../../contacts';
import type { InboundContent, InboundMedia, Referral } from '../../inbox';
import { previewOf } from '../../inbox';
import { describeCloudApiError } from './cloud-api-errors';

/**
 * Meta's ids are short (a wamid is about 60 characters); a longer one is forged or broken and
 * would not fit a database index, so it is treated as missing.
 */
export const MAX_ID_LENGTH = 256;

/** What one Cloud API inbound message means to the inbox: a message, or a reaction to one. */
export type MappedInbound =
  | {
      kind: 'message';
      content: InboundContent;
      text: string | null;
      replyToExternalId: string | null;
      forwarded: 'once' | 'frequently' | null;
      referral: Referral | null;
    }
  | { kind: 'reaction'; targetExternalId: string; emoji: string };

/**
 * Maps one parsed inbound message (§5.4) to neutral terms. Pure. Nothing is dropped: a type
 * WhatsApp cannot pass on, a type we do not know and a payload that failed validation all
 * become `unsupported` with a reason (the caller keeps the raw message beside it).
 */
export function mapInboundMessage(m: WireMessage): MappedInbound {
  if (m.type === 'reaction') {
    return { kind: 'reaction', targetExternalId: m.reaction.message_id, emoji: m.reaction.emoji ?? '' };
  }
  const content = contentOf(m);
  const context = m.context;
  return {
    kind: 'message',
    content,
    text: previewOf(content),
    replyToExternalId: context?.id && context.id.length <= MAX_ID_LENGTH ? context.id : null,
    forwarded: context?.frequently_forwarded ? 'frequently' : context?.forwarded ? 'once' : null,
    referral: m.referral
      ? {
          sourceType: m.referral.source_type ?? null,
          sourceUrl: m.referral.source_url ?? null,
          headline: m.referral.headline ?? null,
          body: m.referral.body ?? null,
          sourceId: m.referral.source_id ?? null,
          ctwaClid: m.referral.ctwa_clid ?? null,
          mediaType: m.referral.media_type ?? null,
          imageUrl: m.referral.image_url ?? null,
          videoUrl: m.referral.video_url ?? null,
          thumbnailUrl: m.referral.thumbnail_url ?? null,
          welcomeText: m.referral.welcome_message?.text ?? null,
        }
      : null,
  };
}

function contentOf(m: WireMessage): InboundContent {
  switch (m.type) {
    case 'text':
      return { type: 'text', body: m.text.body };
    case 'image':
    case 'video':
    case 'document':
    case 'sticker':
    case 'audio': {
      const wire = (m as Record<string, unknown>)[m.type] as
        | { id: string; mime_type: string; sha256?: string; caption?: string; filename?: string }
        | undefined;
      return {
        type: m.type,
        media: mediaOf(wire, m.errors),
        caption: wire?.caption || null,
        voice: m.type === 'audio' && m.audio?.voice === true,
        animated: m.type === 'sticker' && m.sticker?.animated === true,
      };
    }
    case 'location':
      return {
        type: 'location',
        latitude: m.location.latitude,
        longitude: m.location.longitude,
        name: m.location.name || null,
        address: m.location.address || null,
        url: m.location.url || null,
      };
    case 'contacts':
      return {
        type: 'contacts',
        contacts: m.contacts.map((c) => ({
          name:
            c.name.formatted_name ||
            [c.name.first_name, c.name.last_name].filter(Boolean).join(' ') ||
            c.phones?.[0]?.phone ||
            '',
          phones: (c.phones ?? []).flatMap((p) => {
            const phone = p.phone ?? (p.wa_id ? `+${p.wa_id}` : null);
            return phone ? [{ phone, type: p.type ?? null, waId: p.wa_id ?? null }] : [];
          }),
          emails: (c.emails ?? []).flatMap((e) =>
            e.email ? [{ email: e.email, type: e.type ?? null }] : [],
          ),
          organization: c.org?.company || null,
        })),
      };
    case 'button':
      return {
        type: 'reply',
        kind: 'template_button',
        id: m.button.payload ?? null,
        title: m.button.text,
        description: null,
      };
    case 'interactive': {
      const i = m.interactive;
      if (i.type === 'button_reply')
        return {
          type: 'reply',
          kind: 'button_reply',
          id: i.button_reply.id,
          title: i.button_reply.title,
          description: null,
        };
      if (i.type === 'list_reply')
        return {
          type: 'reply',
          kind: 'list_reply',
          id: i.list_reply.id,
          title: i.list_reply.title,
          description: i.list_reply.description ?? null,
        };
      if (i.type === 'call_permission_reply')
        return {
          type: 'call',
          event: i.call_permission_reply.response === 'accept' ? 'permission_granted' : 'permission_declined',
          durationSeconds: null,
        };
      return {
        type: 'reply',
        kind: 'flow',
        id: null,
        title: i.nfm_reply.body || i.nfm_reply.name || 'Flow',
        description: i.nfm_reply.response_json,
      };
    }
    case 'order':
      return {
        type: 'order',
        catalogId: m.order.catalog_id || null,
        text: m.order.text || null,
        items: m.order.product_items.map((p) => ({
          productId: p.product_retailer_id,
          quantity: p.quantity,
          price: p.item_price,
          currency: p.currency,
        })),
      };
    case 'system':
      return {
        type: 'system',
        body: m.system.body ?? systemSummary(m.system),
        event: systemEvent(m.system.type),
        newPhone: phoneFromWaId(m.system.wa_id ?? m.system.new_wa_id),
      };
    case 'request_welcome':
      return { type: 'welcome' };
    case 'revoke':
      return { type: 'revoke', targetId: originalIdOf(m.revoke) };
    case 'edit': {
      const next = m.edit.message;
      const text =
        next?.text?.body ?? next?.image?.caption ?? next?.video?.caption ?? next?.document?.caption ?? null;
      return { type: 'edit', targetId: originalIdOf(m.edit), text };
    }
    case 'unsupported': {
      const kind = m.unsupported?.type ?? null;
      return { type: 'unsupported', kind, reason: unsupportedReason(kind) };
    }
    case 'unknown':
      return {
        type: 'unsupported',
        kind: m.unknownType || null,
        reason: m.invalidReason
          ? `WhatsApp sent this ${m.unknownType || 'message'} in a shape Charla did not expect (${m.invalidReason.slice(0, 200)}). The original is kept.`
          : `Charla cannot show WhatsApp messages of type "${m.unknownType}" yet. The original is kept.`,
      };
  }
  const type = (m as { type?: unknown }).type;
  return {
    type: 'unsupported',
    kind: typeof type === 'string' ? type : null,
    reason: unsupportedReason(null),
  };
}

function mediaOf(
  wire: { id: string; mime_type: string; sha256?: string; filename?: string } | undefined,
  errors: WebhookError[] | undefined,
): InboundMedia {
  const first = errors?.[0];
  if (wire && wire.id.length > MAX_ID_LENGTH) {
    return {
      externalId: null,
      mimeType: 'application/octet-stream',
      sha256: null,
      filename: null,
      error: 'WhatsApp gave this file an id Charla cannot use. Ask the customer to send it again.',
    };
  }
  return {
    externalId: wire?.id ?? null,
    mimeType: wire?.mime_type || 'application/octet-stream',
    sha256: wire?.sha256 || null,
    filename: wire?.filename || null,
    error: first
      ? mediaErrorReason(first)
      : wire
        ? null
        : 'WhatsApp did not pass this file on. Ask the customer to send it again.',
  };
}

function mediaErrorReason(e: WebhookError): string {
  if (e.code === 131052)
    return 'WhatsApp could not download the file the customer sent (files over 100 MB cannot be received). Ask them to send a smaller file or a link.';
  const described = describeCloudApiError(e.code);
  return e.error_data?.details ? `${described.reason} (${e.error_data.details})` : described.reason;
}

function systemEvent(type: string): 'number_changed' | 'user_id_changed' | 'identity_changed' {
  if (type === 'user_changed_number' || type === 'customer_changed_number') return 'number_changed';
  if (type === 'user_changed_user_id') return 'user_id_changed';
  return 'identity_changed';
}

function systemSummary(s: { type: string; wa_id?: string; new_wa_id?: string }): string {
  if (s.type === 'user_changed_number' || s.type === 'customer_changed_number') {
    const to = s.new_wa_id ?? s.wa_id;
    return to ? `The customer changed their number to +${to}.` : 'The customer changed their number.';
  }
  if (s.type === 'customer_identity_changed') return "The customer's security code changed.";
  return 'The customer changed their WhatsApp account.';
}

const UNSUPPORTED: Record<string, string> = {
  edit: 'The customer edited a message. WhatsApp does not pass edits to business apps; ask them what changed.',
  revoke: 'The customer deleted a message.',
  poll_creation: 'The customer sent a poll, which WhatsApp does not pass to business apps.',
  poll_update: 'The customer voted in a poll, which WhatsApp does not pass to business apps.',
  location: 'The customer shared their live location, which WhatsApp does not pass to business apps.',
  group_invite: 'The customer sent a group invitation, which WhatsApp does not pass to business apps.',
};

function unsupportedReason(kind: string | null): string {
  if (kind && UNSUPPORTED[kind]) return UNSUPPORTED[kind];
  return `WhatsApp does not pass this kind of message${kind ? ` (${kind})` : ''} to business apps. Ask the customer to send it another way.`;
}
