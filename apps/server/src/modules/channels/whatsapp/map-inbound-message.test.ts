import { parseInboundMessage } from '@charla/cloud-api';
import { describe, expect, it } from 'vitest';
import { type MappedInbound, mapInboundMessage } from './map-inbound-message';

const base = { from: '5215512345678', id: 'wamid.A', timestamp: '1750000000' };
const media = { mime_type: 'image/jpeg', sha256: 'c2hh', id: '1003383421387256' };

function map(wire: Record<string, unknown>): MappedInbound {
  const parsed = parseInboundMessage({ ...base, ...wire });
  if (!parsed.ok) throw new Error(parsed.reason);
  return mapInboundMessage(parsed.message);
}

const pendingMedia = (over: Record<string, unknown> = {}) => ({
  externalId: media.id,
  mimeType: 'image/jpeg',
  sha256: 'c2hh',
  filename: null,
  error: null,
  ...over,
});

describe('mapInboundMessage: every inbound type to neutral content and a preview', () => {
  const cases: [string, Record<string, unknown>, unknown, string | null][] = [
    ['text', { type: 'text', text: { body: 'Hola 👋' } }, { type: 'text', body: 'Hola 👋' }, 'Hola 👋'],
    [
      'image with caption',
      { type: 'image', image: { ...media, caption: 'Taj Mahal' } },
      { type: 'image', media: pendingMedia(), caption: 'Taj Mahal', voice: false, animated: false },
      'Taj Mahal',
    ],
    [
      'image without caption',
      { type: 'image', image: media },
      { type: 'image', media: pendingMedia(), caption: null, voice: false, animated: false },
      '📷',
    ],
    [
      'video',
      { type: 'video', video: { ...media, mime_type: 'video/mp4', caption: 'mira' } },
      {
        type: 'video',
        media: pendingMedia({ mimeType: 'video/mp4' }),
        caption: 'mira',
        voice: false,
        animated: false,
      },
      'mira',
    ],
    [
      'document',
      { type: 'document', document: { ...media, mime_type: 'application/pdf', filename: 'factura.pdf' } },
      {
        type: 'document',
        media: pendingMedia({ mimeType: 'application/pdf', filename: 'factura.pdf' }),
        caption: null,
        voice: false,
        animated: false,
      },
      '📄 factura.pdf',
    ],
    [
      'animated sticker',
      { type: 'sticker', sticker: { ...media, mime_type: 'image/webp', animated: true } },
      {
        type: 'sticker',
        media: pendingMedia({ mimeType: 'image/webp' }),
        caption: null,
        voice: false,
        animated: true,
      },
      '💟',
    ],
    [
      'voice note',
      { type: 'audio', audio: { ...media, mime_type: 'audio/ogg; codecs=opus', voice: true } },
      {
        type: 'audio',
        media: pendingMedia({ mimeType: 'audio/ogg; codecs=opus' }),
        caption: null,
        voice: true,
        animated: false,
      },
      '🎤',
    ],
    [
      'location with a name',
      {
        type: 'location',
        location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo', address: 'CDMX' },
      },
      {
        type: 'location',
        latitude: 19.4326,
        longitude: -99.1332,
        name: 'Zócalo',
        address: 'CDMX',
        url: null,
      },
      '📍 Zócalo',
    ],
    [
      'current location (coordinates only)',
      { type: 'location', location: { latitude: 19.4326, longitude: -99.1332 } },
      { type: 'location', latitude: 19.4326, longitude: -99.1332, name: null, address: null, url: null },
      '📍 19.43260, -99.13320',
    ],
    [
      'contacts',
      {
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'Chandler Bing', first_name: 'Chandler' },
            phones: [{ phone: '+1 555-555-5555', wa_id: '15555555555', type: 'CELL' }],
            emails: [{ email: 'c@example.com', type: 'WORK' }],
            org: { company: 'Chanandler Inc' },
          },
        ],
      },
      {
        type: 'contacts',
        contacts: [
          {
            name: 'Chandler Bing',
            phones: [{ phone: '+1 555-555-5555', type: 'CELL', waId: '15555555555' }],
            emails: [{ email: 'c@example.com', type: 'WORK' }],
            organization: 'Chanandler Inc',
          },
        ],
      },
      '👤 Chandler Bing',
    ],
    [
      'template quick-reply button',
      { type: 'button', button: { payload: 'STOP_PROMOS', text: 'Stop promotions' } },
      {
        type: 'reply',
        kind: 'template_button',
        id: 'STOP_PROMOS',
        title: 'Stop promotions',
        description: null,
      },
      'Stop promotions',
    ],
    [
      'reply button',
      {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Sí' } },
      },
      { type: 'reply', kind: 'button_reply', id: 'yes', title: 'Sí', description: null },
      'Sí',
    ],
    [
      'list row',
      {
        type: 'interactive',
        interactive: {
          type: 'list_reply',
          list_reply: { id: 'express', title: 'Express', description: 'Next day' },
        },
      },
      { type: 'reply', kind: 'list_reply', id: 'express', title: 'Express', description: 'Next day' },
      'Express',
    ],
    [
      'flow answer',
      {
        type: 'interactive',
        interactive: {
          type: 'nfm_reply',
          nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"rating":"5"}' },
        },
      },
      { type: 'reply', kind: 'flow', id: null, title: 'Sent', description: '{"rating":"5"}' },
      'Sent',
    ],
    [
      'order',
      {
        type: 'order',
        order: {
          catalog_id: '354160437058781',
          text: '',
          product_items: [{ product_retailer_id: 'SKU1', quantity: 3, item_price: 30, currency: 'MXN' }],
        },
      },
      {
        type: 'order',
        catalogId: '354160437058781',
        text: null,
        items: [{ productId: 'SKU1', quantity: 3, price: 30, currency: 'MXN' }],
      },
      '🛒',
    ],
    [
      'system: number changed',
      {
        type: 'system',
        system: { body: 'User A changed from 1 to 2', wa_id: '2', type: 'user_changed_number' },
      },
      { type: 'system', body: 'User A changed from 1 to 2' },
      'User A changed from 1 to 2',
    ],
    ['request_welcome', { type: 'request_welcome' }, { type: 'welcome' }, null],
  ];

  it.each(cases)('%s', (_name, wire, content, preview) => {
    const mapped = map(wire);
    expect(mapped).toMatchObject({ kind: 'message', content, text: preview });
  });
});

describe('mapInboundMessage: what WhatsApp cannot pass on is said, never dropped', () => {
  it('turns `unsupported` (a poll) into unsupported with its kind and a reason', () => {
    const mapped = map({
      type: 'unsupported',
      unsupported: { type: 'poll_creation' },
      errors: [{ code: 131051, title: 'Message type unknown' }],
    });
    expect(mapped).toMatchObject({
      kind: 'message',
      content: { type: 'unsupported', kind: 'poll_creation', reason: expect.stringMatching(/poll/) },
      text: null,
    });
  });

  it('turns an edit into unsupported that says the customer edited a message', () => {
    const mapped = map({ type: 'unsupported', unsupported: { type: 'edit' } });
    expect(mapped).toMatchObject({ content: { type: 'unsupported', kind: 'edit', reason: /edited/ } });
  });

  it('keeps a type Charla does not know as unsupported with the wire type', () => {
    const mapped = map({ type: 'hologram', hologram: { depth: 3 } });
    expect(mapped).toMatchObject({
      content: { type: 'unsupported', kind: 'hologram', reason: /type "hologram"/ },
    });
  });

  it('keeps a known type whose payload failed validation as unsupported, saying which field', () => {
    const mapped = map({ type: 'location', location: { latitude: 'north', longitude: 3 } });
    expect(mapped).toMatchObject({
      content: { type: 'unsupported', kind: 'location', reason: /latitude/ },
    });
  });

  it('marks media WhatsApp could not download (131052) as failed with a human reason', () => {
    const mapped = map({
      type: 'document',
      errors: [
        {
          code: 131052,
          title: 'Media download error',
          error_data: { details: 'Media file size too big. Max file size we currently support: 100MB.' },
        },
      ],
    });
    expect(mapped).toMatchObject({
      content: {
        type: 'document',
        media: { externalId: null, error: expect.stringMatching(/100 MB/) },
      },
    });
  });
});

describe('mapInboundMessage: context and referral', () => {
  it('reads the quoted wamid of a reply', () => {
    const mapped = map({
      type: 'text',
      text: { body: 'este' },
      context: { from: '15550100100', id: 'wamid.QUOTED' },
    });
    expect(mapped).toMatchObject({ replyToExternalId: 'wamid.QUOTED', forwarded: null });
  });

  it.each([
    [{ forwarded: true }, 'once'],
    [{ frequently_forwarded: true }, 'frequently'],
    [{}, null],
  ])('reads forwarded %j as %s', (context, forwarded) => {
    expect(map({ type: 'text', text: { body: 'fwd' }, context })).toMatchObject({ forwarded });
  });

  it('reads a click-to-WhatsApp ad referral', () => {
    const mapped = map({
      type: 'text',
      text: { body: 'Quiero info' },
      referral: {
        source_url: 'https://fb.me/3cr4Wqqkv',
        source_id: '120226305854810726',
        source_type: 'ad',
        headline: 'Chat with us',
        body: 'Summer succulents are here!',
      },
    });
    expect(mapped).toMatchObject({
      referral: {
        sourceType: 'ad',
        sourceUrl: 'https://fb.me/3cr4Wqqkv',
        headline: 'Chat with us',
        body: 'Summer succulents are here!',
      },
    });
  });
});

describe('mapInboundMessage: reactions are updates, not messages', () => {
  it('maps a reaction to its target and emoji', () => {
    expect(map({ type: 'reaction', reaction: { message_id: 'wamid.T', emoji: '😮' } })).toEqual({
      kind: 'reaction',
      targetExternalId: 'wamid.T',
      emoji: '😮',
    });
  });

  it('maps a removed reaction (emoji absent) to an empty emoji', () => {
    expect(map({ type: 'reaction', reaction: { message_id: 'wamid.T' } })).toEqual({
      kind: 'reaction',
      targetExternalId: 'wamid.T',
      emoji: '',
    });
  });
});
