import {
  OutboundAudioSchema,
  type OutboundContact,
  OutboundContactsSchema,
  OutboundDocumentSchema,
  OutboundImageSchema,
  type OutboundInteractive,
  OutboundInteractiveSchema,
  OutboundLocationSchema,
  type OutboundMediaRef,
  OutboundStickerSchema,
  type OutboundTemplate,
  OutboundTemplateSchema,
  OutboundTextSchema,
  OutboundVideoSchema,
} from '@charla/cloud-api';
import type { ContactCard, Interactive, SendMessageRequest } from '@charla/contracts';
import { z } from 'zod';
import { AppError } from '../../../platform/errors';

/**
 * What `POST /api/v1/messages` takes: the recipient (`to`: a contact id or a phone number), the
 * number to send from, and the message exactly as Meta's Cloud API shapes it (`type` plus that
 * type's object), so code written for Meta sends through Charla unchanged.
 */
const envelope = {
  to: z.string().trim().min(1).max(64).meta({
    description: "A contact's id, or a phone number in E.164 (+5215512345678)",
    example: '+5215512345678',
  }),
  channel: z.uuid().optional().meta({
    description: 'The number to send from (GET /api/v1/channels); optional when the workspace has one',
  }),
  messaging_product: z.literal('whatsapp').optional(),
  recipient_type: z.literal('individual').optional(),
  /** A reply: the quoted message's Charla id or its wamid. */
  context: z.strictObject({ message_id: z.string().min(1).max(200) }).optional(),
};

const member = <T extends string, S extends z.ZodType>(type: T, payload: S) =>
  z.object({ ...envelope, type: z.literal(type), [type]: payload } as typeof envelope & {
    type: z.ZodLiteral<T>;
  } & Record<T, S>);

export const ApiSendMessageSchema = z.discriminatedUnion('type', [
  member('text', OutboundTextSchema),
  member('image', OutboundImageSchema),
  member('video', OutboundVideoSchema),
  member('document', OutboundDocumentSchema),
  member('audio', OutboundAudioSchema),
  member('sticker', OutboundStickerSchema),
  member('location', OutboundLocationSchema),
  member('contacts', OutboundContactsSchema),
  member('interactive', OutboundInteractiveSchema),
  member('template', OutboundTemplateSchema),
]);
export type ApiSendMessage = z.infer<typeof ApiSendMessageSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const unsupported = (path: string, message: string, code = 'not_supported') =>
  new AppError('unprocessable', code, message, [{ path, message }]);

/**
 * Meta's message as Charla's send request. The template is named by its id once found by name and
 * language (`templateId`); the reply target is resolved by the caller (`replyToMessageId`).
 */
export function toSendRequest(
  body: ApiSendMessage,
  found: { templateId?: string; replyToMessageId?: string },
): SendMessageRequest {
  const replyTo = found.replyToMessageId ? { replyToMessageId: found.replyToMessageId } : {};
  switch (body.type) {
    case 'text':
      return { type: 'text', text: body.text.body, ...replyTo };
    case 'image':
    case 'video':
    case 'document':
    case 'audio':
    case 'sticker':
      return mediaRequest(body.type, (body as Record<string, unknown>)[body.type] as MediaRef, replyTo);
    case 'location':
      return { type: 'location', ...body.location, ...replyTo };
    case 'contacts':
      return { type: 'contacts', contacts: body.contacts.map(toCard), ...replyTo };
    case 'interactive':
      return { type: 'interactive', interactive: toInteractive(body.interactive), ...replyTo };
    case 'template':
      return {
        type: 'template',
        template: { templateId: found.templateId!, values: templateValues(body.template) },
      };
  }
}

type MediaRef = OutboundMediaRef & { voice?: boolean; filename?: string };

function mediaRequest(type: string, ref: MediaRef, replyTo: object): SendMessageRequest {
  if (!ref.id) {
    throw unsupported(
      `${type}.link`,
      'Charla sends files it stores: upload the file first (POST /api/v1/media) and send its id instead of a link.',
      'media_link_not_supported',
    );
  }
  if (!UUID.test(ref.id)) {
    throw unsupported(
      `${type}.id`,
      'Not the id of a file uploaded to Charla (POST /api/v1/media answers it).',
      'media_not_found',
    );
  }
  return {
    type: 'media',
    mediaId: ref.id,
    ...(ref.caption ? { caption: ref.caption } : {}),
    ...(ref.voice ? { voice: true } : {}),
    ...replyTo,
  };
}

function toCard(contact: OutboundContact): ContactCard {
  return {
    name: contact.name.formatted_name,
    phones: (contact.phones ?? [])
      .filter((p) => p.phone)
      .map((p) => ({ phone: p.phone!, type: p.type ?? null, waId: p.wa_id ?? null })),
    emails: (contact.emails ?? [])
      .filter((e) => e.email)
      .map((e) => ({ email: e.email!, type: e.type ?? null })),
    organization: contact.org?.company ?? null,
  };
}

function toInteractive(i: OutboundInteractive): Interactive {
  if (i.header && i.header.type !== 'text') {
    throw unsupported(
      'interactive.header',
      'Charla sends interactive messages with a text header only; send the file as its own message.',
    );
  }
  const base = {
    header: i.header?.type === 'text' ? i.header.text : null,
    body: i.body.text,
    footer: i.footer?.text ?? null,
  };
  switch (i.type) {
    case 'button':
      return {
        kind: 'buttons',
        ...base,
        buttons: i.action.buttons.map((b) => ({ id: b.reply.id, title: b.reply.title })),
        list: null,
        cta: null,
      };
    case 'list':
      return {
        kind: 'list',
        ...base,
        buttons: [],
        list: {
          button: i.action.button,
          sections: i.action.sections.map((s) => ({
            title: s.title,
            rows: s.rows.map((r) => ({ id: r.id, title: r.title, description: r.description ?? null })),
          })),
        },
        cta: null,
      };
    case 'cta_url':
      return {
        kind: 'cta_url',
        ...base,
        buttons: [],
        list: null,
        cta: { displayText: i.action.parameters.display_text, url: i.action.parameters.url },
      };
  }
}

/**
 * Meta's components as Charla's values: body parameters by `parameter_name` (named templates) or
 * position (`{{1}}`, `{{2}}`…), the header's text or file, and button parameters by index.
 */
function templateValues(t: OutboundTemplate) {
  const values = {
    header: null as string | null,
    headerMediaId: null as string | null,
    body: {} as Record<string, string>,
    buttons: {} as Record<string, string>,
  };
  for (const [c, component] of (t.components ?? []).entries()) {
    if (component.type === 'button') {
      const p = component.parameters?.[0];
      const text =
        p &&
        (p.type === 'text'
          ? p.text
          : p.type === 'payload'
            ? p.payload
            : p.type === 'coupon_code'
              ? p.coupon_code
              : null);
      if (text !== null && text !== undefined) values.buttons[String(component.index)] = text;
      continue;
    }
    for (const [i, p] of component.parameters.entries()) {
      const path = `template.components.${c}.parameters.${i}`;
      if (component.type === 'header') {
        if (p.type === 'text') values.header = p.text;
        else if (p.type === 'image' || p.type === 'video' || p.type === 'document') {
          const ref = (p as Record<string, unknown>)[p.type] as { id?: string };
          if (!ref.id) {
            throw unsupported(
              `${path}.${p.type}.link`,
              'Charla sends header files it stores: upload the file (POST /api/v1/media) and send its id.',
              'media_link_not_supported',
            );
          }
          values.headerMediaId = ref.id;
        } else throw unsupported(`${path}.type`, `Charla does not send ${p.type} header parameters yet.`);
        continue;
      }
      const text =
        p.type === 'text'
          ? p.text
          : p.type === 'currency'
            ? p.currency.fallback_value
            : p.type === 'date_time'
              ? p.date_time.fallback_value
              : null;
      if (text === null)
        throw unsupported(`${path}.type`, `A body parameter is text, currency or date_time, not ${p.type}.`);
      const name =
        'parameter_name' in p && typeof p.parameter_name === 'string' ? p.parameter_name : String(i + 1);
      values.body[name] = text;
    }
  }
  return values;
}
