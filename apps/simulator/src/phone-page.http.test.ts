import { type InboundMessage, parseWebhook } from '@charla/cloud-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClientFixture, FILES, startClientFixture } from './test-support/client-fixture';
import { CUSTOMER_WA_ID, NUMBER } from './test-support/sandbox-fixture';

let f: ClientFixture;
beforeEach(async () => {
  f = await startClientFixture();
});
afterEach(() => f.close());

const customerUrl = () => `${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}`;

/** Posts what the phone page posts and returns the inbound message as Charla parses it. */
async function sendFromPhone(body: Record<string, unknown>): Promise<InboundMessage | undefined> {
  const response = await fetch(`${customerUrl()}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ana', ...body }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const { wamid } = (await response.json()) as { wamid: string };
  const [webhook] = await f.receiver.waitFor((w) => w.rawBody.includes(wamid));
  const parsed = parseWebhook(webhook?.json);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.updates[0]?.messages[0];
}

const attach = (file: { type: string; bytes: Uint8Array }, filename: string) => ({
  base64: Buffer.from(file.bytes).toString('base64'),
  mimeType: file.type,
  filename,
});

// RIFF/WEBP with a VP8X chunk whose flags byte (offset 20) has the animation bit.
const animatedWebp = (padding: number) =>
  Buffer.concat([
    Buffer.from('RIFF\x1a\0\0\0WEBPVP8X\x0a\0\0\0', 'latin1'),
    Buffer.from([0x02]),
    Buffer.alloc(padding),
  ]);

describe('the phone page', () => {
  it('offers every inbound kind a person sends from a phone, as stable test ids', async () => {
    const html = await (await fetch(`${f.baseUrl}/phone/${NUMBER.phoneNumberId}`)).text();
    const ids = [
      'phone-attach-video',
      'phone-sticker',
      'phone-audio-file',
      'phone-contact-open',
      'phone-contact-send',
    ];
    for (const id of ['phone-attach', 'phone-voice', 'phone-location', 'phone-more', ...ids]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    const acceptOf = (id: string) => new RegExp(`id="${id}"[^>]*accept="([^"]*)"`).exec(html)?.[1] ?? '';
    expect(acceptOf('phone-attach')).toContain('video/mp4,video/3gpp');
    expect(acceptOf('phone-attach-video')).toBe('video/mp4,video/3gpp,.mp4,.3gp');
    expect(acceptOf('phone-sticker')).toBe('image/webp,.webp');
    expect(acceptOf('phone-audio-file')).toBe(acceptOf('phone-voice'));
    expect(acceptOf('phone-audio-file')).toContain('audio/mpeg');
    // The script builds the audio file as voice: false and the card with formatted_name + CELL phones.
    expect(html).toContain("'phone-audio-file': 'audio'");
    expect(html).toContain("{ voice: kind === 'voice' }");
    expect(html).toContain("{ phone, wa_id: digits, type: 'CELL' }");
    expect(html).not.toContain('innerHTML');
  });

  it('sends a video with its caption, an audio file that is not a voice note, and a contact card', async () => {
    const video = await sendFromPhone({
      message: { type: 'video', video: { caption: 'Así llegó' } },
      media: attach(FILES.mp4, 'caja.mp4'),
    });
    expect(video).toMatchObject({ type: 'video', video: { caption: 'Así llegó', mime_type: 'video/mp4' } });

    const audio = await sendFromPhone({
      message: { type: 'audio', audio: { voice: false } },
      media: attach(FILES.mp3, 'cancion.mp3'),
    });
    expect(audio).toMatchObject({ type: 'audio', audio: { voice: false, mime_type: 'audio/mpeg' } });

    const card = {
      name: { formatted_name: 'Chandler Bing', first_name: 'Chandler' },
      phones: [{ phone: '+1 555-555-5555', wa_id: '15555555555', type: 'CELL' }],
    };
    const contacts = await sendFromPhone({ message: { type: 'contacts', contacts: [card] } });
    expect(contacts).toMatchObject({ type: 'contacts', contacts: [card] });

    const chat = (await (await fetch(`${customerUrl()}/chat`)).json()) as { messages: { text: string }[] };
    expect(chat.messages.map((m) => m.text)).toEqual([
      '🎥 Video: Así llegó',
      '🎵 Audio',
      '👤 Contact: Chandler Bing',
    ]);
  });

  it('sends a sticker marked animated or not from its bytes, with the matching size cap', async () => {
    const still = await sendFromPhone({
      message: { type: 'sticker', sticker: {} },
      media: attach(FILES.webp, 'a.webp'),
    });
    expect(still).toMatchObject({ type: 'sticker', sticker: { animated: false, mime_type: 'image/webp' } });

    const moving = { type: 'image/webp', bytes: animatedWebp(200 * 1024) };
    const animated = await sendFromPhone({
      message: { type: 'sticker', sticker: {} },
      media: attach(moving, 'b.webp'),
    });
    expect(animated).toMatchObject({ type: 'sticker', sticker: { animated: true } });

    // 200 KB is fine for an animated sticker but over the 100 KB cap of a static one (§3.4).
    const bigStill = {
      type: 'image/webp',
      bytes: Buffer.concat([FILES.webp.bytes, Buffer.alloc(200 * 1024)]),
    };
    const refused = await fetch(`${customerUrl()}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: { type: 'sticker', sticker: {} }, media: attach(bigStill, 'c.webp') }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'static sticker',
    );
  });
});
