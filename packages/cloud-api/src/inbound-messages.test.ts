import { describe, expect, it } from 'vitest';
import { INBOUND_FIXTURES } from './inbound-fixtures.test-data';
import { type InboundMessage, KnownInboundMessageSchema, parseInboundMessage } from './inbound-messages';
import { parseWebhook } from './parse-webhook';
import { envelope, metadata } from './webhook-fixtures.test-data';

function fixture(name: string): Record<string, unknown> {
  const value = INBOUND_FIXTURES[name];
  if (!value) throw new Error(`no fixture ${name}`);
  return value;
}

function parseOne(name: string): InboundMessage {
  const result = parseInboundMessage(fixture(name));
  if (!result.ok) throw new Error(result.reason);
  return result.message;
}

describe('inbound message schemas (§5.4)', () => {
  // [fixture, expected type, a field read through the typed result]
  const cases: [string, string, (m: InboundMessage) => unknown, unknown][] = [
    ['text', 'text', (m) => m.type === 'text' && m.text.body, 'Hi'],
    [
      'image',
      'image',
      (m) => m.type === 'image' && [m.image?.id, m.image?.caption, m.image?.url],
      [
        '1003383421387256',
        'Taj Mahal',
        'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256',
      ],
    ],
    ['video', 'video', (m) => m.type === 'video' && m.video?.mime_type, 'video/mp4'],
    ['document', 'document', (m) => m.type === 'document' && m.document?.filename, 'filename.pdf'],
    ['sticker', 'sticker', (m) => m.type === 'sticker' && m.sticker?.animated, true],
    ['voice', 'audio', (m) => m.type === 'audio' && [m.audio?.voice, m.audio?.sha256], [true, 'abc=']],
    [
      'location',
      'location',
      (m) => m.type === 'location' && [m.location.latitude, m.location.name],
      [37.4611978, 'Facebook HQ'],
    ],
    [
      'contacts',
      'contacts',
      (m) =>
        m.type === 'contacts' && [
          m.contacts[0]?.name.formatted_name,
          m.contacts[0]?.phones?.[0]?.wa_id,
          m.contacts[0]?.emails?.[0]?.email,
          m.contacts[0]?.addresses?.[0]?.city,
          m.contacts[0]?.org?.company,
          m.contacts[0]?.urls?.[0]?.url,
          m.contacts[0]?.birthday,
          m.contacts[0]?.origin,
          m.contacts[0]?.vcard,
        ],
      [
        'Chandler Bing',
        '15555555555',
        'b@example.com',
        'Menlo Park',
        'Lucky Shrub',
        'https://www.luckyshrub.com',
        '1999-01-23',
        'other',
        'BEGIN:VCARD\nEND:VCARD',
      ],
    ],
    [
      'button',
      'button',
      (m) => m.type === 'button' && [m.button.payload, m.context?.id],
      ['STOP_PROMOS', 'wamid.template'],
    ],
    [
      'button_reply',
      'interactive',
      (m) =>
        m.type === 'interactive' && m.interactive.type === 'button_reply' && m.interactive.button_reply.id,
      'change-button',
    ],
    [
      'list_reply',
      'interactive',
      (m) =>
        m.type === 'interactive' &&
        m.interactive.type === 'list_reply' &&
        m.interactive.list_reply.description,
      'Next Day',
    ],
    [
      'nfm_reply',
      'interactive',
      (m) =>
        m.type === 'interactive' &&
        m.interactive.type === 'nfm_reply' &&
        JSON.parse(m.interactive.nfm_reply.response_json).rating,
      'excellent',
    ],
    ['reaction', 'reaction', (m) => m.type === 'reaction' && m.reaction.emoji, '😮'],
    ['unreact_empty', 'reaction', (m) => m.type === 'reaction' && m.reaction.emoji, ''],
    ['unreact_absent', 'reaction', (m) => m.type === 'reaction' && m.reaction.emoji, undefined],
    [
      'order',
      'order',
      (m) => m.type === 'order' && [m.order.catalog_id, m.order.product_items[0]?.quantity],
      ['354160437058781', 3],
    ],
    [
      'system_number',
      'system',
      (m) => m.type === 'system' && [m.system.type, m.system.wa_id],
      ['user_changed_number', '16505550000'],
    ],
    [
      'system_user_id',
      'system',
      (m) => m.type === 'system' && [m.system.user_id, m.from],
      ['CO.NEW', undefined],
    ],
    ['system_identity', 'system', (m) => m.type === 'system' && m.identity?.hash, 'h='],
    [
      'unsupported',
      'unsupported',
      (m) => m.type === 'unsupported' && [m.unsupported?.type, m.errors?.[0]?.code],
      ['poll_creation', 131051],
    ],
    ['request_welcome', 'request_welcome', (m) => m.id, 'wamid.welcome'],
    [
      'media_failed',
      'video',
      (m) => m.type === 'video' && [m.video, m.errors?.[0]?.code],
      [undefined, 131052],
    ],
    [
      'referral_ad',
      'text',
      (m) => [m.referral?.source_type, m.referral?.ctwa_clid, m.referral?.welcome_message?.text],
      ['ad', 'Aff-n8ZT', 'Hi there!'],
    ],
    ['forwarded', 'text', (m) => m.context?.forwarded, true],
    ['frequently_forwarded', 'text', (m) => m.context?.frequently_forwarded, true],
    ['referred_product', 'text', (m) => m.context?.referred_product?.product_retailer_id, 'di9ozbzfi4'],
    [
      'username_only',
      'text',
      (m) => [m.from, m.from_user_id, m.from_parent_user_id],
      [undefined, 'US.13491208655302741918', 'US.ENT.11815799212886844830'],
    ],
  ];

  it.each(cases)('types the %s payload', (name, type, read, expected) => {
    const message = parseOne(name);
    expect(message.type).toBe(type);
    expect(read(message)).toEqual(expected);
    // Nothing is stripped: the typed message equals the wire object.
    expect(message).toEqual(fixture(name));
    expect(KnownInboundMessageSchema.safeParse(fixture(name)).success).toBe(true);
  });

  it.each([
    [
      'an image without media nor errors',
      { ...fixture('image'), image: undefined },
      'image: expected object',
    ],
    [
      'a location without latitude',
      { ...fixture('location'), location: { longitude: 1 } },
      'location.latitude',
    ],
    [
      'a contact without formatted_name',
      { ...fixture('contacts'), contacts: [{ name: {} }] },
      'contacts[0].name.formatted_name',
    ],
    [
      'an interactive reply of an unknown kind',
      { ...fixture('button_reply'), interactive: { type: 'hologram_reply' } },
      'interactive.type',
    ],
    [
      'a reaction without message_id',
      { ...fixture('reaction'), reaction: { emoji: '👍' } },
      'reaction.message_id',
    ],
    [
      'a string quantity',
      { ...fixture('order'), order: { catalog_id: '1', product_items: [{ quantity: '3' }] } },
      'order.product_items[0]',
    ],
  ] as [string, Record<string, unknown>, string][])(
    'keeps %s as unknown with the validation reason',
    (_label, raw, reasonStart) => {
      const result = parseInboundMessage(raw);
      if (!result.ok) throw new Error(result.reason);
      expect(result.message).toMatchObject({
        type: 'unknown',
        unknownType: raw.type,
        id: raw.id,
        timestamp: raw.timestamp,
        from: '16505551234',
        raw,
      });
      expect(result.message.type === 'unknown' && result.message.invalidReason).toContain(reasonStart);
      expect(KnownInboundMessageSchema.safeParse(raw).success).toBe(false);
    },
  );

  it('keeps a message of a type Meta added later, with its raw object and no reason', () => {
    const raw = { ...fixture('text'), type: 'poll_vote', poll_vote: { option: 2 }, text: undefined };
    const result = parseInboundMessage(raw);
    expect(result.ok && result.message).toMatchObject({ type: 'unknown', unknownType: 'poll_vote', raw });
    expect(result.ok && result.message.type === 'unknown' && result.message.invalidReason).toBeUndefined();
  });

  it('parses one webhook carrying every kind, and a broken one does not take the others down', () => {
    const broken = { ...fixture('location'), id: 'wamid.broken', location: { latitude: 'north' } };
    const messages = [...Object.values(INBOUND_FIXTURES), broken];
    const result = parseWebhook(
      envelope({ field: 'messages', value: { messaging_product: 'whatsapp', metadata, messages } }),
    );
    if (!result.ok) throw new Error(result.reason);
    const parsed = result.updates[0]?.messages ?? [];
    expect(parsed).toHaveLength(messages.length);
    expect(parsed.filter((m) => m.type === 'unknown').map((m) => m.id)).toEqual(['wamid.broken']);
  });

  it('fails the body only for a message it could not store once (no id)', () => {
    const { id: _id, ...withoutId } = fixture('text');
    const result = parseWebhook(
      envelope({
        field: 'messages',
        value: { messaging_product: 'whatsapp', metadata, messages: [withoutId] },
      }),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'entry[0].changes[0].value.messages[0].id: expected string',
    });
  });
});
