import { describe, expect, it } from 'vitest';
import { formatIssue } from './format-issue';
import { type OutboundMessage, OutboundMessageSchema } from './outbound';

const envelope = {
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to: '+5215512345678',
} as const;

const button = (id: string, title: string) => ({ type: 'reply', reply: { id, title } }) as const;
const row = (id: string, title = id) => ({ id, title });
const buttons = (list: ReturnType<typeof button>[]) => ({
  ...envelope,
  type: 'interactive',
  interactive: { type: 'button', body: { text: 'Pick one' }, action: { buttons: list } },
});
const list = (sections: { title: string; rows: { id: string; title: string }[] }[]) => ({
  ...envelope,
  type: 'interactive',
  interactive: { type: 'list', body: { text: 'Pick' }, action: { button: 'Options', sections } },
});

/** Every §2 type Charla sends, written the way Meta documents it. */
const VALID_OUTBOUND: [string, OutboundMessage][] = [
  [
    'text with preview',
    { ...envelope, type: 'text', text: { body: 'See https://example.com', preview_url: true } },
  ],
  ['text reply', { ...envelope, type: 'text', text: { body: 'Sí' }, context: { message_id: 'wamid.Q' } }],
  ['image by id', { ...envelope, type: 'image', image: { id: '1013859600285441', caption: 'Menú' } }],
  ['image by link', { ...envelope, type: 'image', image: { link: 'https://example.com/a.png' } }],
  ['video', { ...envelope, type: 'video', video: { link: 'https://example.com/clip.mp4', caption: 'Clip' } }],
  [
    'document',
    { ...envelope, type: 'document', document: { id: '1', caption: 'Factura', filename: 'invoice.pdf' } },
  ],
  ['audio', { ...envelope, type: 'audio', audio: { id: '1' } }],
  ['voice note', { ...envelope, type: 'audio', audio: { id: '1', voice: true } }],
  ['sticker', { ...envelope, type: 'sticker', sticker: { id: '1' } }],
  [
    'location',
    {
      ...envelope,
      type: 'location',
      location: { latitude: 37.4421, longitude: -122.1615, name: 'Philz', address: '101 Forest Ave' },
    },
  ],
  [
    'contacts',
    {
      ...envelope,
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Barbara J. Johnson', first_name: 'Barbara' },
          phones: [
            { phone: '+16505559999', type: 'HOME' },
            { phone: '+19175559999', type: 'WORK', wa_id: '19175559999' },
          ],
          emails: [{ email: 'b@example.com', type: 'WORK' }],
          org: { company: 'Lucky Shrub' },
          urls: [{ url: 'https://www.luckyshrub.com', type: 'WORK' }],
          birthday: '1999-01-23',
        },
      ],
    },
  ],
  ['reaction', { ...envelope, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '😀' } }],
  ['reaction removal', { ...envelope, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '' } }],
  [
    'reply buttons with image header',
    {
      ...envelope,
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'image', image: { id: '2762702990552401' } },
        body: { text: 'Your workshop is at 9am tomorrow.' },
        footer: { text: 'Lucky Shrub' },
        action: { buttons: [button('change-button', 'Change'), button('cancel-button', 'Cancel')] },
      },
    },
  ],
  [
    'list',
    {
      ...envelope,
      type: 'interactive',
      interactive: {
        type: 'list',
        header: { type: 'text', text: 'Choose Shipping Option' },
        body: { text: 'Which shipping option do you prefer?' },
        footer: { text: 'Lucky Shrub' },
        action: {
          button: 'Shipping Options',
          sections: [
            {
              title: 'I want it ASAP!',
              rows: [
                { id: 'priority_express', title: 'Priority Mail Express', description: 'Next Day to 2 Days' },
              ],
            },
            { title: 'I can wait', rows: [row('ground')] },
          ],
        },
      },
    },
  ],
  [
    'cta_url',
    {
      ...envelope,
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        header: { type: 'text', text: 'Dates' },
        body: { text: 'Tap the button below to see available dates.' },
        action: {
          name: 'cta_url',
          parameters: { display_text: 'See Dates', url: 'https://example.com/dates' },
        },
      },
    },
  ],
];

describe('OutboundMessageSchema accepts every documented type', () => {
  it.each(VALID_OUTBOUND)('%s', (_label, message) => {
    const parsed = OutboundMessageSchema.safeParse(message);
    expect(parsed.success ? null : parsed.error.issues.map((i) => formatIssue(i))).toBeNull();
    expect(parsed.data).toEqual(message);
  });
});

const tooLong = (n: number) => 'a'.repeat(n + 1);

describe('OutboundMessageSchema refuses what Meta refuses, naming the field', () => {
  it.each<[string, unknown, string]>([
    ['text over 4096', { ...envelope, type: 'text', text: { body: tooLong(4096) } }, 'text.body'],
    [
      'blank text',
      { ...envelope, type: 'text', text: { body: '  ' } },
      'text.body: must be a non-empty string',
    ],
    [
      'caption over 1024',
      { ...envelope, type: 'image', image: { id: '1', caption: tooLong(1024) } },
      'image.caption',
    ],
    [
      'media with id and link',
      { ...envelope, type: 'image', image: { id: '1', link: 'https://x.y/a.png' } },
      'image: must have either id or link, not both',
    ],
    [
      'media with neither',
      { ...envelope, type: 'video', video: { caption: 'x' } },
      'video: must have either id or link',
    ],
    [
      'caption on audio',
      { ...envelope, type: 'audio', audio: { id: '1', caption: 'x' } },
      'audio: Unrecognized key: "caption"',
    ],
    ['caption on sticker', { ...envelope, type: 'sticker', sticker: { id: '1', caption: 'x' } }, 'sticker'],
    ['filename on image', { ...envelope, type: 'image', image: { id: '1', filename: 'a.png' } }, 'image'],
    [
      'non-http link',
      { ...envelope, type: 'image', image: { link: 'ftp://x.y/a.png' } },
      'image.link: must be an http(s) URL',
    ],
    [
      'latitude out of range',
      { ...envelope, type: 'location', location: { latitude: 91, longitude: 0 } },
      'location.latitude',
    ],
    [
      'contact without formatted_name',
      { ...envelope, type: 'contacts', contacts: [{ name: { first_name: 'A' } }] },
      'contacts[0].name.formatted_name',
    ],
    ['no contacts', { ...envelope, type: 'contacts', contacts: [] }, 'contacts'],
    [
      'bad birthday',
      {
        ...envelope,
        type: 'contacts',
        contacts: [{ name: { formatted_name: 'A' }, birthday: '23/01/1999' }],
      },
      'contacts[0].birthday',
    ],
    [
      'reaction with context',
      {
        ...envelope,
        type: 'reaction',
        reaction: { message_id: 'wamid.X', emoji: '👍' },
        context: { message_id: 'wamid.Y' },
      },
      'context: cannot be used with a reaction',
    ],
    [
      'reaction with text',
      { ...envelope, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: 'ok' } },
      'reaction.emoji',
    ],
    [
      'four reply buttons',
      buttons([button('a', 'A'), button('b', 'B'), button('c', 'C'), button('d', 'D')]),
      'interactive.action.buttons',
    ],
    ['no reply buttons', buttons([]), 'interactive.action.buttons'],
    [
      'button title over 20',
      buttons([button('a', tooLong(20))]),
      'interactive.action.buttons[0].reply.title',
    ],
    ['button id over 256', buttons([button(tooLong(256), 'A')]), 'interactive.action.buttons[0].reply.id'],
    [
      'duplicate button ids',
      buttons([button('a', 'A'), button('a', 'B')]),
      'interactive.action.buttons[1].reply.id: must be unique',
    ],
    [
      'duplicate button titles',
      buttons([button('a', 'Sí'), button('b', 'Sí')]),
      'interactive.action.buttons[1].reply.title: must be unique',
    ],
    [
      '11 rows in total',
      list([
        { title: 'A', rows: ['1', '2', '3', '4', '5', '6'].map((id) => row(id)) },
        { title: 'B', rows: ['7', '8', '9', '10', '11'].map((id) => row(id)) },
      ]),
      'interactive.action.sections: must hold at most 10 rows in total',
    ],
    [
      '11 sections',
      list(Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: [row(`r${i}`)] }))),
      'interactive.action.sections',
    ],
    [
      'row title over 24',
      list([{ title: 'A', rows: [row('a', tooLong(24))] }]),
      'interactive.action.sections[0].rows[0].title',
    ],
    [
      'row id over 200',
      list([{ title: 'A', rows: [row(tooLong(200), 'x')] }]),
      'interactive.action.sections[0].rows[0].id',
    ],
    [
      'duplicate row ids across sections',
      list([
        { title: 'A', rows: [row('x')] },
        { title: 'B', rows: [row('x', 'Other')] },
      ]),
      'interactive.action.sections[1].rows[0].id: must be unique',
    ],
    [
      'section title over 24',
      list([{ title: tooLong(24), rows: [row('a')] }]),
      'interactive.action.sections[0].title',
    ],
    [
      'image header on a list',
      {
        ...list([{ title: 'A', rows: [row('a')] }]),
        interactive: {
          ...list([{ title: 'A', rows: [row('a')] }]).interactive,
          header: { type: 'image', image: { id: '1' } },
        },
      },
      'interactive.header',
    ],
    [
      'header over 60',
      {
        ...buttons([button('a', 'A')]),
        interactive: {
          ...buttons([button('a', 'A')]).interactive,
          header: { type: 'text', text: tooLong(60) },
        },
      },
      'interactive.header.text',
    ],
    [
      'footer over 60',
      {
        ...buttons([button('a', 'A')]),
        interactive: { ...buttons([button('a', 'A')]).interactive, footer: { text: tooLong(60) } },
      },
      'interactive.footer.text',
    ],
    [
      'button body over 1024',
      {
        ...buttons([button('a', 'A')]),
        interactive: { ...buttons([button('a', 'A')]).interactive, body: { text: tooLong(1024) } },
      },
      'interactive.body.text',
    ],
    [
      'cta display_text over 20',
      {
        ...envelope,
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          body: { text: 'x' },
          action: { name: 'cta_url', parameters: { display_text: tooLong(20), url: 'https://x.y' } },
        },
      },
      'interactive.action.parameters.display_text',
    ],
  ])('%s', (_label, message, expected) => {
    const parsed = OutboundMessageSchema.safeParse(message);
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues.map((issue) => formatIssue(issue)) ?? [];
    expect(issues.join('\n')).toContain(expected);
  });

  it('accepts 10 rows spread over sections and a body of exactly 4096', () => {
    const ten = list([
      { title: 'A', rows: ['1', '2', '3', '4', '5'].map((id) => row(id)) },
      { title: 'B', rows: ['6', '7', '8', '9', '10'].map((id) => row(id)) },
    ]);
    expect(OutboundMessageSchema.safeParse(ten).success).toBe(true);
    const text = { ...envelope, type: 'text', text: { body: 'a'.repeat(4096) } };
    expect(OutboundMessageSchema.safeParse(text).success).toBe(true);
  });
});
