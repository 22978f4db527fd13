import { createHash } from 'node:crypto';
import {
  CloudApiClient,
  CloudApiError,
  type InboundMessage,
  parseWebhook,
  verifyWebhookSignature,
  type WebhookUpdate,
} from '@charla/cloud-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './index';
import { CUSTOMER_WA_ID, createTestSimulator, NUMBER } from './test-support/sandbox-fixture';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from './test-support/webhook-receiver';

let simulator: Simulator;
let receiver: WebhookReceiver;
let clock: { current: number };
let baseUrl: string;
let client: CloudApiClient;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  const created = createTestSimulator(receiver.url);
  simulator = created.simulator;
  clock = created.clock;
  baseUrl = await simulator.listen();
  client = new CloudApiClient({ baseUrl, version: 'v25.0', accessToken: NUMBER.accessToken });
});
afterEach(async () => {
  await simulator.close();
  await receiver.close();
});

const messagesPath = `/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}/messages`;

async function post(path: string, body: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function sendAsCustomer(body: unknown): Promise<{ wamid: string; mediaId?: string }> {
  const response = await post(messagesPath, body);
  if (response.status !== 200) throw new Error(`customer send failed: ${JSON.stringify(response.body)}`);
  return response.body as { wamid: string; mediaId?: string };
}

/** Waits for the webhook carrying `wamid`, checks its signature and parses it like Charla does. */
async function receiveParsed(wamid: string): Promise<{ update: WebhookUpdate; message: InboundMessage }> {
  const [webhook] = await receiver.waitFor((w: ReceivedWebhook) => w.rawBody.includes(wamid));
  if (!webhook) throw new Error('no webhook');
  const signature = webhook.headers['x-hub-signature-256'] as string;
  expect(verifyWebhookSignature(webhook.rawBody, signature, NUMBER.appSecret)).toBe(true);
  const parsed = parseWebhook(webhook.json);
  if (!parsed.ok) throw new Error(parsed.reason);
  const [update] = parsed.updates;
  const message = update?.messages.find((m) => m.id === wamid);
  if (!update || !message) throw new Error('message not in webhook');
  return { update, message };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('customers send every inbound type', () => {
  it('delivers each type as a signed webhook that parseWebhook types with the right fields', async () => {
    const first = await sendAsCustomer({ text: 'Hola', name: 'Ana' });
    const sent = await client.sendText(NUMBER.phoneNumberId, { to: CUSTOMER_WA_ID, body: '¿Algo más?' });
    const businessWamid = sent.messages[0]?.id ?? '';
    const media = (mimeType: string, filename?: string) => ({
      base64: PNG.toString('base64'),
      mimeType,
      ...(filename && { filename }),
    });

    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['text', { text: 'Quiero dos' }, { type: 'text', text: { body: 'Quiero dos' } }],
      [
        'image',
        { message: { type: 'image', image: { caption: 'Mira' } }, media: media('image/png') },
        { type: 'image', image: { caption: 'Mira', mime_type: 'image/png' } },
      ],
      [
        'voice note',
        { message: { type: 'audio', audio: { voice: true } }, media: media('audio/ogg; codecs=opus') },
        { type: 'audio', audio: { voice: true, mime_type: 'audio/ogg; codecs=opus' } },
      ],
      [
        'video',
        { message: { type: 'video', video: {} }, media: media('video/mp4') },
        { type: 'video', video: { mime_type: 'video/mp4' } },
      ],
      [
        'document',
        { message: { type: 'document', document: {} }, media: media('application/pdf', 'menu.pdf') },
        { type: 'document', document: { filename: 'menu.pdf', mime_type: 'application/pdf' } },
      ],
      [
        'sticker',
        { message: { type: 'sticker', sticker: { animated: false } }, media: media('image/webp') },
        { type: 'sticker', sticker: { animated: false } },
      ],
      [
        'location',
        {
          message: { type: 'location', location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' } },
        },
        { type: 'location', location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' } },
      ],
      [
        'contacts',
        {
          message: {
            type: 'contacts',
            contacts: [
              { name: { formatted_name: 'Luis P' }, phones: [{ phone: '+52 55 1111 2222', type: 'CELL' }] },
            ],
          },
        },
        { type: 'contacts', contacts: [{ name: { formatted_name: 'Luis P' } }] },
      ],
      [
        'button',
        {
          message: {
            type: 'button',
            button: { payload: 'STOP', text: 'Parar' },
            context: { id: businessWamid },
          },
        },
        { type: 'button', button: { payload: 'STOP' }, context: { id: businessWamid, from: '525550000001' } },
      ],
      [
        'button_reply',
        {
          message: {
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: 'y', title: 'Sí' } },
          },
        },
        { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'y' } } },
      ],
      [
        'list_reply',
        {
          message: {
            type: 'interactive',
            interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Uno' } },
          },
        },
        { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'r1' } } },
      ],
      [
        'nfm_reply',
        {
          message: {
            type: 'interactive',
            interactive: {
              type: 'nfm_reply',
              nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"a":1}' },
            },
          },
        },
        { type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { response_json: '{"a":1}' } } },
      ],
      [
        'reaction',
        { message: { type: 'reaction', reaction: { message_id: businessWamid, emoji: '👍' } } },
        { type: 'reaction', reaction: { message_id: businessWamid, emoji: '👍' } },
      ],
      [
        'un-reaction',
        { message: { type: 'reaction', reaction: { message_id: businessWamid, emoji: '' } } },
        { type: 'reaction', reaction: { emoji: '' } },
      ],
      [
        'order',
        {
          message: {
            type: 'order',
            order: {
              catalog_id: '1',
              product_items: [{ product_retailer_id: 'T1', quantity: 2, item_price: 25, currency: 'MXN' }],
            },
          },
        },
        { type: 'order', order: { catalog_id: '1' } },
      ],
      [
        'system',
        {
          message: {
            type: 'system',
            system: { type: 'user_changed_number', body: 'changed', wa_id: '5215500000000' },
          },
        },
        { type: 'system', system: { type: 'user_changed_number' } },
      ],
      [
        'unsupported',
        {
          message: {
            type: 'unsupported',
            unsupported: { type: 'poll_creation' },
            errors: [{ code: 131051, title: 'Message type unknown' }],
          },
        },
        { type: 'unsupported', unsupported: { type: 'poll_creation' }, errors: [{ code: 131051 }] },
      ],
      ['request_welcome', { message: { type: 'request_welcome' } }, { type: 'request_welcome' }],
      [
        'reply with referral',
        {
          message: {
            type: 'text',
            text: { body: 'Vi su anuncio' },
            context: { id: first.wamid },
            referral: { source_type: 'ad', source_id: '1', source_url: 'https://fb.me/x', ctwa_clid: 'c' },
          },
        },
        {
          context: { id: first.wamid, from: CUSTOMER_WA_ID },
          referral: { source_type: 'ad', ctwa_clid: 'c' },
        },
      ],
      [
        'forwarded',
        { message: { type: 'text', text: { body: 'fwd' }, context: { frequently_forwarded: true } } },
        { context: { frequently_forwarded: true } },
      ],
    ];

    for (const [label, body, expected] of cases) {
      const { wamid, mediaId } = await sendAsCustomer(body);
      const { update, message } = await receiveParsed(wamid);
      expect(message, label).toMatchObject({ ...expected, id: wamid, from: CUSTOMER_WA_ID });
      expect(message.type, label).not.toBe('unknown');
      expect(update.contacts.length, label).toBe(label === 'system' ? 0 : 1);
      if (mediaId) {
        const key = message.type as 'image';
        const object = (message as Record<string, unknown>)[key] as {
          id: string;
          sha256: string;
          url?: string;
        };
        expect(object.id, label).toBe(mediaId);
        expect(object.sha256, label).toBe(createHash('sha256').update(PNG).digest('base64'));
        expect(object.url, label).toContain(`${baseUrl}/_sim/media/${mediaId}/download?exp=`);
      }
    }

    const chat = simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID);
    const previews = Object.fromEntries(chat.map((item) => [item.type, item.text]));
    expect(previews).toMatchObject({
      image: '📷 Photo: Mira',
      location: '📍 Location: Zócalo',
      audio: '🎤 Voice message',
    });
    expect(chat.find((item) => item.type === 'image')?.mediaId).toMatch(/^\d{16}$/);
  });

  it.each([
    [
      'a location without latitude',
      { message: { type: 'location', location: { longitude: 1 } } },
      'message.location.latitude',
    ],
    ['an image without media', { message: { type: 'image', image: {} } }, 'message.image.id'],
    [
      'a reaction to an unknown message',
      { message: { type: 'reaction', reaction: { message_id: 'wamid.nope', emoji: '👍' } } },
      'reaction.message_id: no message wamid.nope',
    ],
    [
      'an id the simulator fills',
      { message: { type: 'text', text: { body: 'x' }, id: 'wamid.mine' } },
      'message.id is filled by the simulator',
    ],
    [
      'a GIF as an image',
      { message: { type: 'image', image: {} }, media: { base64: 'R0lGOA==', mimeType: 'image/gif' } },
      'does not accept image/gif as image; use one of image/jpeg, image/png',
    ],
    [
      'an oversized sticker',
      {
        message: { type: 'sticker', sticker: {} },
        media: { base64: Buffer.alloc(600 * 1024).toString('base64'), mimeType: 'image/webp' },
      },
      'WhatsApp accepts at most 102400 bytes (100 KB) for static sticker',
    ],
    [
      'media on a text',
      { message: { type: 'text', text: { body: 'x' } }, media: { base64: 'AA==', mimeType: 'image/png' } },
      'media can only be attached',
    ],
    ['an unknown type', { message: { type: 'hologram' } }, 'message.type'],
  ])('answers 400 with a clear message for %s', async (_label, body, message) => {
    const response = await post(messagesPath, body);
    expect(response.status).toBe(400);
    expect((response.body.error as { message: string }).message).toContain(message);
  });

  it('delivers a raw value verbatim and signed; parseWebhook keeps the surprising message', async () => {
    const odd = {
      from: CUSTOMER_WA_ID,
      id: 'wamid.raw1',
      timestamp: '1756728000',
      type: 'location',
      location: { latitude: 'north' },
    };
    const value = {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '1', phone_number_id: NUMBER.phoneNumberId },
      messages: [odd],
    };
    expect(
      (await post(`/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}/raw`, { value })).body,
    ).toEqual({ ok: true });
    const { message } = await receiveParsed('wamid.raw1');
    expect(message).toMatchObject({ type: 'unknown', unknownType: 'location', raw: odd });
    expect(message.type === 'unknown' && message.invalidReason).toContain('location.latitude');
    const body = receiver.received[0]?.json as { entry: { changes: { value: unknown }[] }[] };
    expect(body.entry[0]?.changes[0]?.value).toEqual(value);
  });
});

describe('media round trip', () => {
  it('gets a URL with the bearer token and downloads the exact bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
    const { wamid, mediaId } = simulator.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId: CUSTOMER_WA_ID,
      message: { type: 'image', image: { caption: 'foto' } },
      media: { base64: bytes.toString('base64'), mimeType: 'image/jpeg' },
    });
    const { message } = await receiveParsed(wamid);
    if (message.type !== 'image' || !message.image) throw new Error('expected an image');
    expect(message.image.id).toBe(mediaId);

    const info = await client.getMedia(message.image.id);
    expect(info).toMatchObject({
      id: mediaId,
      mime_type: 'image/jpeg',
      file_size: 3000,
      sha256: message.image.sha256,
    });
    const download = await client.downloadMedia(info.url);
    expect(Buffer.from(download.bytes).equals(bytes)).toBe(true);
    expect(download.contentType).toBe('image/jpeg');
    expect(createHash('sha256').update(download.bytes).digest('base64')).toBe(info.sha256);
    await expect(client.downloadMedia(info.url, { maxBytes: 1000 })).rejects.toThrow(
      'more than the 1000 allowed',
    );

    clock.current += 6 * 60 * 1000;
    const expired = await client.downloadMedia(info.url).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(CloudApiError);
    expect(expired).toMatchObject({ httpStatus: 404 });
    // A fresh GET gives a fresh URL.
    expect((await client.downloadMedia((await client.getMedia(info.id)).url)).bytes.byteLength).toBe(3000);
  });

  it('refuses a wrong or missing token, a tampered URL and another number’s token', async () => {
    const { mediaId = '' } = simulator.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId: CUSTOMER_WA_ID,
      message: { type: 'document', document: {} },
      media: { base64: 'JVBERi0=', mimeType: 'application/pdf', filename: 'a.pdf' },
    });
    const { url } = await client.getMedia(mediaId);
    const wrong = new CloudApiClient({ baseUrl, version: 'v25.0', accessToken: 'wrong' });
    expect(await wrong.getMedia(mediaId).catch((e: unknown) => e)).toMatchObject({
      httpStatus: 401,
      code: 190,
    });
    expect(await wrong.downloadMedia(url).catch((e: unknown) => e)).toMatchObject({
      httpStatus: 401,
      code: 190,
    });
    expect((await fetch(url)).status).toBe(401);
    const auth = { headers: { authorization: `Bearer ${NUMBER.accessToken}` } };
    expect((await fetch(url.replace(/sig=[^&]+/, 'sig=forged'), auth)).status).toBe(404);
    expect((await fetch(url.replace(/exp=\d+/, 'exp=99999999999999'), auth)).status).toBe(404);

    simulator.registerNumber({
      ...NUMBER,
      phoneNumberId: '999',
      accessToken: 'other',
      webhookUrl: receiver.url,
    });
    const other = new CloudApiClient({ baseUrl, version: 'v25.0', accessToken: 'other' });
    expect(await other.getMedia(mediaId).catch((e: unknown) => e)).toMatchObject({
      httpStatus: 404,
      code: 100,
    });
    expect(await client.getMedia('123456').catch((e: unknown) => e)).toMatchObject({
      httpStatus: 404,
      code: 100,
    });
    const mismatch = await fetch(`${baseUrl}/v25.0/${mediaId}?phone_number_id=999`, auth);
    expect(mismatch.status).toBe(404);
  });

  it('keeps small media across a restart through the state file', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const stateFile = join(mkdtempSync(join(tmpdir(), 'sim-media-')), 'state.json');
    const first = createTestSimulator(receiver.url, { stateFile }).simulator;
    const { mediaId = '' } = first.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId: CUSTOMER_WA_ID,
      message: { type: 'image', image: {} },
      media: { base64: PNG.toString('base64'), mimeType: 'image/png' },
    });
    await first.close();
    const second = createTestSimulator(receiver.url, { stateFile }).simulator;
    const url = await second.listen();
    const secondClient = new CloudApiClient({
      baseUrl: url,
      version: 'v25.0',
      accessToken: NUMBER.accessToken,
    });
    const download = await secondClient.downloadMedia((await secondClient.getMedia(mediaId)).url);
    expect(Buffer.from(download.bytes).equals(PNG)).toBe(true);
    await second.close();
  });
});
