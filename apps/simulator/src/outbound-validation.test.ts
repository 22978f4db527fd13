import { describe, expect, it } from 'vitest';
import { formatMetaPath, validateOutbound } from './outbound-validation';

const base = { messaging_product: 'whatsapp', to: '+5215512345678' };

function errorOf(body: Record<string, unknown>) {
  const result = validateOutbound({ ...base, ...body });
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.error.init.code, details: result.error.init.details };
}

describe('validateOutbound', () => {
  it.each<[string, Record<string, unknown>, number, string]>([
    ['unknown type', { type: 'hologram' }, 131051, 'not currently supported'],
    ['missing payload', { type: 'interactive' }, 131008, 'The parameter interactive is required.'],
    [
      'unknown interactive subtype',
      { type: 'interactive', interactive: { type: 'bogus' } },
      100,
      "interactive['type']",
    ],
    [
      'wrong value type',
      { type: 'location', location: { latitude: '19', longitude: 1 } },
      100,
      "Param location['latitude'] must be a number.",
    ],
    [
      'empty body',
      { type: 'text', text: { body: '' } },
      131009,
      "Param text['body'] must be a non-empty string.",
    ],
    [
      'emoji that is text',
      { type: 'reaction', reaction: { message_id: 'wamid.X', emoji: 'ok' } },
      131009,
      "reaction['emoji']",
    ],
    [
      'bad birthday',
      { type: 'contacts', contacts: [{ name: { formatted_name: 'A' }, birthday: '1/2/99' }] },
      100,
      "contacts[0]['birthday'] must be a date in YYYY-MM-DD format",
    ],
  ])('%s', (_label, body, code, details) => {
    const error = errorOf(body);
    expect(error.code).toBe(code);
    expect(error.details).toContain(details);
  });

  it('collects media references, including an interactive header', () => {
    const result = validateOutbound({
      ...base,
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        header: { type: 'document', document: { link: 'http://127.0.0.1/a.pdf' } },
        body: { text: 'x' },
        action: { name: 'cta_url', parameters: { display_text: 'Ir', url: 'https://example.com' } },
      },
    });
    expect(result.ok && result.value.media).toEqual([
      {
        path: "interactive['header']['document']",
        kind: 'document',
        link: 'http://127.0.0.1/a.pdf',
        voice: false,
      },
    ]);
    const voice = validateOutbound({ ...base, type: 'audio', audio: { id: '9', voice: true } });
    expect(voice.ok && voice.value.media).toEqual([{ path: 'audio', kind: 'audio', id: '9', voice: true }]);
  });

  it('writes paths the way Meta does', () => {
    expect(formatMetaPath(['interactive', 'action', 'buttons', 0, 'reply', 'id'])).toBe(
      "interactive['action']['buttons'][0]['reply']['id']",
    );
  });
});
