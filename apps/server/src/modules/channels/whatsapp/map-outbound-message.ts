import { type OutboundMessage as CloudMessage, formatIssue, OutboundMessageSchema } from '@charla/cloud-api';
import type { Interactive } from '@charla/contracts';
import type { ContactCard, OutboundDraft } from '../../inbox';
import { toCloudTemplate } from './map-template-message';
import { isBusinessScopedUserId } from './whatsapp-ids';

/**
 * Charla's neutral content as the Cloud API request of reference §2, built the same way for a
 * check before queueing (`mediaId` a placeholder) and for the real send (Meta's media id).
 */
export function toCloudApiMessage(
  to: string,
  draft: { content: OutboundDraft; replyToExternalId: string | null },
  mediaId: string,
): CloudMessage {
  const envelope = {
    messaging_product: 'whatsapp' as const,
    recipient_type: 'individual' as const,
    // A customer known only by their user id (a username, no phone) is addressed by it.
    ...(isBusinessScopedUserId(to) ? { recipient: to } : { to: `+${to}` }),
    ...(draft.replyToExternalId !== null &&
      draft.content.type !== 'reaction' && { context: { message_id: draft.replyToExternalId } }),
  };
  const c = draft.content;
  switch (c.type) {
    case 'text':
      return { ...envelope, type: 'text', text: { body: c.body } };
    case 'image':
    case 'video':
      return {
        ...envelope,
        type: c.type,
        [c.type]: { id: mediaId, ...(c.caption && { caption: c.caption }) },
      } as CloudMessage;
    case 'document':
      return {
        ...envelope,
        type: 'document',
        document: {
          id: mediaId,
          ...(c.caption && { caption: c.caption }),
          ...(c.file.filename && { filename: c.file.filename }),
        },
      };
    case 'audio':
      return { ...envelope, type: 'audio', audio: { id: mediaId, ...(c.voice && { voice: true }) } };
    case 'sticker':
      return { ...envelope, type: 'sticker', sticker: { id: mediaId } };
    case 'location':
      return {
        ...envelope,
        type: 'location',
        location: {
          latitude: c.latitude,
          longitude: c.longitude,
          ...(c.name && { name: c.name }),
          ...(c.address && { address: c.address }),
        },
      };
    case 'contacts':
      return { ...envelope, type: 'contacts', contacts: c.contacts.map(toCloudContact) };
    case 'interactive':
      return { ...envelope, type: 'interactive', interactive: toCloudInteractive(c.interactive) };
    case 'reaction':
      return { ...envelope, type: 'reaction', reaction: { message_id: c.targetExternalId, emoji: c.emoji } };
    case 'template':
      // Meta shows no quoted bubble on templates (§2.9): no context.
      return {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        ...('to' in envelope ? { to: envelope.to } : { recipient: envelope.recipient }),
        type: 'template',
        template: toCloudTemplate(c.template, c.headerFile ? mediaId : null),
      };
    default:
      return c satisfies never;
  }
}

function toCloudContact(card: ContactCard) {
  return {
    name: { formatted_name: card.name },
    ...(card.phones.length > 0 && {
      phones: card.phones.map((p) => ({
        phone: p.phone,
        ...(p.type && { type: p.type }),
        ...(p.waId && { wa_id: p.waId }),
      })),
    }),
    ...(card.emails.length > 0 && {
      emails: card.emails.map((e) => ({ email: e.email, ...(e.type && { type: e.type }) })),
    }),
    ...(card.organization && { org: { company: card.organization } }),
  };
}

function toCloudInteractive(i: Interactive) {
  const common = {
    ...(i.header && { header: { type: 'text' as const, text: i.header } }),
    body: { text: i.body },
    ...(i.footer && { footer: { text: i.footer } }),
  };
  if (i.kind === 'list') {
    return {
      type: 'list' as const,
      ...common,
      action: {
        button: i.list?.button ?? '',
        sections: (i.list?.sections ?? []).map((s) => ({
          // Meta requires a title; an empty one is refused by the check with the field named.
          title: s.title ?? '',
          rows: s.rows.map((r) => ({
            id: r.id,
            title: r.title,
            ...(r.description && { description: r.description }),
          })),
        })),
      },
    };
  }
  if (i.kind === 'cta_url') {
    return {
      type: 'cta_url' as const,
      ...common,
      action: {
        name: 'cta_url' as const,
        parameters: { display_text: i.cta?.displayText ?? '', url: i.cta?.url ?? '' },
      },
    };
  }
  return {
    type: 'button' as const,
    ...common,
    action: {
      buttons: i.buttons.map((b) => ({ type: 'reply' as const, reply: { id: b.id, title: b.title } })),
    },
  };
}

/** null when the request is one Meta accepts; otherwise the first wrong field and its rule. */
export function checkCloudApiMessage(message: CloudMessage): string | null {
  const parsed = OutboundMessageSchema.safeParse(message);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `WhatsApp would refuse this message: ${issue ? formatIssue(issue) : 'it is not valid'}.`;
}
