import { describe, expect, it } from 'vitest';
import { checkCloudApiMessage, toCloudApiMessage } from './map-outbound-message';

const file = { mimeType: 'image/png', filename: 'a.png' };

describe('toCloudApiMessage', () => {
  it('quotes with context, except on a reaction (Meta refuses context there)', () => {
    expect(
      toCloudApiMessage('521', { content: { type: 'text', body: 'hi' }, replyToExternalId: 'wamid.Q' }, ''),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+521',
      type: 'text',
      text: { body: 'hi' },
      context: { message_id: 'wamid.Q' },
    });
    const reaction = toCloudApiMessage(
      '521',
      {
        content: { type: 'reaction', targetExternalId: 'wamid.T', emoji: '👍' },
        replyToExternalId: 'wamid.Q',
      },
      '',
    );
    expect(reaction).not.toHaveProperty('context');
  });

  it('leaves out what is empty, and the caption where WhatsApp allows none', () => {
    expect(
      toCloudApiMessage(
        '1',
        { content: { type: 'image', file, caption: null, voice: false }, replyToExternalId: null },
        'M1',
      ),
    ).toMatchObject({ type: 'image', image: { id: 'M1' } });
    expect(
      toCloudApiMessage(
        '1',
        { content: { type: 'audio', file, caption: 'x', voice: false }, replyToExternalId: null },
        'M2',
      ),
    ).toMatchObject({ audio: { id: 'M2' } });
    expect(
      toCloudApiMessage(
        '1',
        {
          content: { type: 'location', latitude: 1, longitude: 2, name: null, address: null },
          replyToExternalId: null,
        },
        '',
      ),
    ).toMatchObject({ location: { latitude: 1, longitude: 2 } });
  });

  it('names the field of a list section without the title WhatsApp requires', () => {
    const message = toCloudApiMessage(
      '1',
      {
        content: {
          type: 'interactive',
          interactive: {
            kind: 'list',
            header: null,
            body: 'Elige',
            footer: null,
            buttons: [],
            list: {
              button: 'Ver',
              sections: [{ title: null, rows: [{ id: 'a', title: 'A', description: null }] }],
            },
            cta: null,
          },
        },
        replyToExternalId: null,
      },
      '',
    );
    expect(checkCloudApiMessage(message)).toMatch(/interactive\.action\.sections\[0\]\.title/);
  });
});
