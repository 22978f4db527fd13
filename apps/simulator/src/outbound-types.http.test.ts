import { CloudApiError, type OutboundMessage, parseWebhook } from '@charla/cloud-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ClientFixture,
  FILES,
  lastSend,
  readJson,
  startClientFixture,
  startFileServer,
} from './test-support/client-fixture';
import { CUSTOMER_WA_ID, NUMBER } from './test-support/sandbox-fixture';
import { readStatuses } from './test-support/webhook-receiver';

let f: ClientFixture;
beforeEach(async () => {
  f = await startClientFixture();
});
afterEach(() => f.close());

const to = `+${CUSTOMER_WA_ID}`;
const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to } as const;

async function upload(file: { type: string; bytes: Uint8Array }, filename: string) {
  return (
    await f.client.uploadMedia(NUMBER.phoneNumberId, { bytes: file.bytes, mimeType: file.type, filename })
  ).id;
}

async function catchError(promise: Promise<unknown>): Promise<CloudApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CloudApiError)) throw new Error(`expected a CloudApiError, got ${String(error)}`);
  return error;
}

/** Status webhooks of one wamid, in arrival order. */
function statusesOf(wamid: string) {
  return f.receiver.received.flatMap(readStatuses).filter((s) => s.id === wamid) as unknown as {
    status: string;
    errors?: { code: number; error_data?: { details?: string } }[];
  }[];
}

async function waitForStatus(wamid: string, status: string) {
  await f.receiver.waitFor((w) => readStatuses(w).some((s) => s.id === wamid && s.status === status));
  return statusesOf(wamid);
}

describe('every outbound type through CloudApiClient', () => {
  it('is accepted, logged exactly as sent, answered like Meta, and reaches the phone', async () => {
    const { wamid: inbound } = f.openWindow();
    const image = await upload(FILES.png, 'menu.png');
    const pdf = await upload(FILES.pdf, 'factura.pdf');
    const video = await upload(FILES.mp4, 'clip.mp4');
    const ogg = await upload(FILES.ogg, 'nota.ogg');
    const mp3 = await upload(FILES.mp3, 'song.mp3');
    const webp = await upload(FILES.webp, 'sticker.webp');
    const payloads: OutboundMessage[] = [
      { ...envelope, type: 'text', text: { body: 'Hola *Ana*', preview_url: false } },
      { ...envelope, type: 'text', text: { body: 'Respuesta' }, context: { message_id: inbound } },
      { ...envelope, type: 'image', image: { id: image, caption: 'Menú del día' } },
      { ...envelope, type: 'video', video: { id: video, caption: 'Así se prepara' } },
      {
        ...envelope,
        type: 'document',
        document: { id: pdf, caption: 'Tu factura', filename: 'factura.pdf' },
      },
      { ...envelope, type: 'audio', audio: { id: mp3 } },
      { ...envelope, type: 'audio', audio: { id: ogg, voice: true } },
      { ...envelope, type: 'sticker', sticker: { id: webp } },
      {
        ...envelope,
        type: 'location',
        location: { latitude: 19.4326, longitude: -99.1332, name: 'Tacos Ana', address: 'Zócalo, CDMX' },
      },
      {
        ...envelope,
        type: 'contacts',
        contacts: [
          { name: { formatted_name: 'Luis Pérez' }, phones: [{ phone: '+52 55 1111 2222', type: 'CELL' }] },
        ],
      },
      { ...envelope, type: 'reaction', reaction: { message_id: inbound, emoji: '👍' } },
      { ...envelope, type: 'reaction', reaction: { message_id: inbound, emoji: '' } },
      {
        ...envelope,
        type: 'interactive',
        interactive: {
          type: 'button',
          header: { type: 'image', image: { id: image } },
          body: { text: '¿Confirmas tu pedido?' },
          footer: { text: 'Tacos Ana' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'yes', title: 'Sí' } },
              { type: 'reply', reply: { id: 'no', title: 'No' } },
            ],
          },
        },
      },
      {
        ...envelope,
        type: 'interactive',
        interactive: {
          type: 'list',
          header: { type: 'text', text: 'Menú' },
          body: { text: '¿Qué se te antoja?' },
          action: {
            button: 'Ver menú',
            sections: [
              { title: 'Tacos', rows: [{ id: 'pastor', title: 'Al pastor', description: 'Con piña' }] },
              { title: 'Bebidas', rows: [{ id: 'horchata', title: 'Horchata' }] },
            ],
          },
        },
      },
      {
        ...envelope,
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          body: { text: 'Mira el menú completo' },
          action: {
            name: 'cta_url',
            parameters: { display_text: 'Abrir menú', url: 'https://example.com/menu' },
          },
        },
      },
    ];
    const wamids: string[] = [];
    for (const payload of payloads) {
      const answer = await f.client.sendMessage(NUMBER.phoneNumberId, payload);
      const record = lastSend(f.simulator);
      expect(record.body).toEqual(payload);
      expect(record.responseStatus).toBe(200);
      expect(record.response).toEqual({
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: CUSTOMER_WA_ID }],
        messages: [{ id: expect.stringMatching(/^wamid\./) }],
      });
      expect(answer).toEqual(record.response);
      wamids.push(answer.messages[0]?.id ?? '');
    }
    const lastWamid = wamids.at(-1) ?? '';
    await waitForStatus(lastWamid, 'delivered');
    // Nothing failed; reactions stop at `sent`, everything else was delivered.
    const chat = f.simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID).filter((m) => m.from === 'business');
    expect(chat.map((m) => [m.type, m.status])).toEqual(
      payloads.map((p) => [p.type, p.type === 'reaction' ? 'sent' : 'delivered']),
    );
    expect(chat.find((m) => m.type === 'image')).toMatchObject({
      mediaId: image,
      text: '📷 Photo: Menú del día',
    });
    expect(chat.find((m) => m.type === 'interactive')?.content).toMatchObject({ type: 'button' });
    for (const webhook of f.receiver.received) expect(parseWebhook(webhook.json).ok).toBe(true);
  });
});

const tooLong = (n: number) => 'a'.repeat(n + 1);
const buttons = (list: { id: string; title: string }[]) => ({
  type: 'interactive',
  interactive: {
    type: 'button',
    body: { text: '¿Sí o no?' },
    action: { buttons: list.map((reply) => ({ type: 'reply', reply })) },
  },
});
const list = (
  sections: { title: string; rows: { id: string; title: string; description?: string }[] }[],
) => ({
  type: 'interactive',
  interactive: { type: 'list', body: { text: 'Elige' }, action: { button: 'Opciones', sections } },
});
const rows = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `${prefix} ${i}` }));

describe('limits of §2 answer Meta’s codes with details naming the field', () => {
  it.each<[string, Record<string, unknown>, number, string]>([
    ['missing image', { type: 'image' }, 131008, 'The parameter image is required.'],
    [
      'image with id and link',
      { type: 'image', image: { id: '1', link: 'http://127.0.0.1/a.png' } },
      131009,
      'Param image must have either id or link, not both.',
    ],
    [
      'video with neither',
      { type: 'video', video: { caption: 'x' } },
      131009,
      'Param video must have either id or link.',
    ],
    [
      'caption over 1024',
      { type: 'image', image: { link: 'https://x.example/a.png', caption: tooLong(1024) } },
      100,
      "Param image['caption'] must be at most 1024 characters long.",
    ],
    [
      'caption on audio',
      { type: 'audio', audio: { link: 'https://x.example/a.ogg', caption: 'x' } },
      100,
      "Param audio['caption'] is not a valid parameter here.",
    ],
    [
      'missing latitude',
      { type: 'location', location: { longitude: 1 } },
      131008,
      "The parameter location['latitude'] is required.",
    ],
    [
      'contact without formatted_name',
      { type: 'contacts', contacts: [{ name: {} }] },
      131008,
      "The parameter contacts[0]['name']['formatted_name'] is required.",
    ],
    [
      'reaction with context',
      {
        type: 'reaction',
        reaction: { message_id: 'wamid.X', emoji: '👍' },
        context: { message_id: 'wamid.Y' },
      },
      131009,
      'Param context cannot be used with a reaction.',
    ],
    [
      '4 reply buttons',
      buttons(rows(4, 'b').map(({ id, title }) => ({ id, title }))),
      100,
      "Param interactive['action']['buttons'] must be at most 3 items.",
    ],
    [
      'button title over 20',
      buttons([{ id: 'a', title: tooLong(20) }]),
      100,
      "Param interactive['action']['buttons'][0]['reply']['title'] must be at most 20 characters long.",
    ],
    [
      'button id over 256',
      buttons([{ id: tooLong(256), title: 'A' }]),
      100,
      "interactive['action']['buttons'][0]['reply']['id'] must be at most 256",
    ],
    [
      'duplicate button ids',
      buttons([
        { id: 'x', title: 'A' },
        { id: 'x', title: 'B' },
      ]),
      131009,
      "Param interactive['action']['buttons'][1]['reply']['id'] must be unique",
    ],
    [
      'duplicate button titles',
      buttons([
        { id: 'x', title: 'A' },
        { id: 'y', title: 'A' },
      ]),
      131009,
      "['buttons'][1]['reply']['title'] must be unique",
    ],
    [
      '11 rows in total',
      list([
        { title: 'A', rows: rows(6, 'a') },
        { title: 'B', rows: rows(5, 'b') },
      ]),
      131009,
      "Param interactive['action']['sections'] must hold at most 10 rows in total",
    ],
    [
      '11 sections',
      list(Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}`) }))),
      100,
      "interactive['action']['sections'] must be at most 10 items",
    ],
    [
      'row title over 24',
      list([{ title: 'A', rows: [{ id: 'a', title: tooLong(24) }] }]),
      100,
      "['sections'][0]['rows'][0]['title'] must be at most 24",
    ],
    [
      'row description over 72',
      list([{ title: 'A', rows: [{ id: 'a', title: 'A', description: tooLong(72) }] }]),
      100,
      "['rows'][0]['description'] must be at most 72",
    ],
    [
      'row id over 200',
      list([{ title: 'A', rows: [{ id: tooLong(200), title: 'A' }] }]),
      100,
      "['rows'][0]['id'] must be at most 200",
    ],
    [
      'header over 60',
      {
        type: 'interactive',
        interactive: {
          ...buttons([{ id: 'a', title: 'A' }]).interactive,
          header: { type: 'text', text: tooLong(60) },
        },
      },
      100,
      "Param interactive['header']['text'] must be at most 60",
    ],
    [
      'footer over 60',
      {
        type: 'interactive',
        interactive: { ...buttons([{ id: 'a', title: 'A' }]).interactive, footer: { text: tooLong(60) } },
      },
      100,
      "Param interactive['footer']['text'] must be at most 60",
    ],
    [
      'list without button label',
      {
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: 'x' },
          action: { sections: [{ title: 'A', rows: rows(1, 'a') }] },
        },
      },
      131008,
      "The parameter interactive['action']['button'] is required.",
    ],
    [
      'cta_url without url',
      {
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          body: { text: 'x' },
          action: { name: 'cta_url', parameters: { display_text: 'Ir' } },
        },
      },
      131008,
      "interactive['action']['parameters']['url'] is required",
    ],
    [
      'a flow (not simulated yet)',
      { type: 'interactive', interactive: { type: 'flow', body: { text: 'x' } } },
      131051,
      'flow',
    ],
  ])('%s', async (_label, message, code, details) => {
    f.openWindow();
    const error = await catchError(
      f.client.sendMessage(NUMBER.phoneNumberId, { ...envelope, ...message } as unknown as OutboundMessage),
    );
    expect(error).toMatchObject({ httpStatus: 400, code });
    expect(error.details).toContain(details);
    expect(lastSend(f.simulator).responseStatus).toBe(400);
  });

  it('refuses a media id this number does not hold (unknown or another number’s) with 131009', async () => {
    f.openWindow();
    const error = await catchError(
      f.client.sendMessage(NUMBER.phoneNumberId, {
        ...envelope,
        type: 'image',
        image: { id: '123456789012345' },
      }),
    );
    expect(error).toMatchObject({ code: 131009 });
    expect(error.details).toContain("Param image['id'] is not a valid media id");
  });
});

describe('media sent after the 200', () => {
  it('fails with 131053 when an uploaded file is the wrong type for the message (a PDF as image)', async () => {
    f.openWindow();
    const pdf = await upload(FILES.pdf, 'factura.pdf');
    const answer = await f.client.sendMessage(NUMBER.phoneNumberId, {
      ...envelope,
      type: 'image',
      image: { id: pdf },
    });
    const wamid = answer.messages[0]?.id ?? '';
    const statuses = await waitForStatus(wamid, 'failed');
    expect(statuses.map((s) => s.status)).toEqual(['failed']);
    expect(statuses[0]?.errors?.[0]?.code).toBe(131053);
    expect(statuses[0]?.errors?.[0]?.error_data?.details).toContain(
      'does not accept application/pdf as image',
    );
  });

  it('fails a voice note that is not OGG with 131053', async () => {
    f.openWindow();
    const mp3 = await upload(FILES.mp3, 'song.mp3');
    const answer = await f.client.sendMessage(NUMBER.phoneNumberId, {
      ...envelope,
      type: 'audio',
      audio: { id: mp3, voice: true },
    });
    const [failed] = await waitForStatus(answer.messages[0]?.id ?? '', 'failed');
    expect(failed?.errors?.[0]?.error_data?.details).toContain('voice note must be audio/ogg');
  });

  it('fetches a link on 127.0.0.1, stores it for the phone, and delivers', async () => {
    const files = await startFileServer({ '/menu.png': FILES.png });
    try {
      f.openWindow();
      const link = files.url('/menu.png');
      const answer = await f.client.sendMessage(NUMBER.phoneNumberId, {
        ...envelope,
        type: 'image',
        image: { link },
      });
      const wamid = answer.messages[0]?.id ?? '';
      await waitForStatus(wamid, 'delivered');
      const message = f.simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID).find((m) => m.wamid === wamid);
      expect(message?.mediaId).toEqual(expect.any(String));
    } finally {
      await files.close();
    }
  });

  it.each([
    ['a link on the internet', 'https://cdn.example.com/menu.png', 'never cdn.example.com'],
    ['a local link that 404s', 'http://127.0.0.1:9/missing.png', 'Could not download media'],
  ])('accepts %s, then fails it with 131053', async (_label, link, details) => {
    f.openWindow();
    const answer = await f.client.sendMessage(NUMBER.phoneNumberId, {
      ...envelope,
      type: 'image',
      image: { link },
    });
    const [failed] = await waitForStatus(answer.messages[0]?.id ?? '', 'failed');
    expect(failed?.errors?.[0]?.code).toBe(131053);
    expect(failed?.errors?.[0]?.error_data?.details).toContain(details);
  });
});

describe('reactions', () => {
  it('report only `sent`, even after the customer reads the chat', async () => {
    const { wamid: inbound } = f.openWindow();
    const answer = await f.client.sendMessage(NUMBER.phoneNumberId, {
      ...envelope,
      type: 'reaction',
      reaction: { message_id: inbound, emoji: '❤️' },
    });
    const wamid = answer.messages[0]?.id ?? '';
    await waitForStatus(wamid, 'sent');
    f.simulator.readAsCustomer(NUMBER.phoneNumberId, CUSTOMER_WA_ID);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(statusesOf(wamid).map((s) => s.status)).toEqual(['sent']);
  });

  it.each([
    ['an unknown message', () => 'wamid.unknown'],
    ['a message older than 30 days', () => 'old'],
    ['another reaction', () => 'reaction'],
  ])('to %s: 200, then failed 131009', async (_label, pick) => {
    const { wamid: inbound } = f.openWindow();
    let target = pick();
    if (target === 'old') {
      f.clock.current += 31 * 24 * 60 * 60 * 1000;
      f.openWindow();
      target = inbound;
    }
    if (target === 'reaction') {
      const first = await f.client.sendMessage(NUMBER.phoneNumberId, {
        ...envelope,
        type: 'reaction',
        reaction: { message_id: inbound, emoji: '👍' },
      });
      target = first.messages[0]?.id ?? '';
    }
    const answer = await f.client.sendMessage(NUMBER.phoneNumberId, {
      ...envelope,
      type: 'reaction',
      reaction: { message_id: target, emoji: '😮' },
    });
    const [failed] = await waitForStatus(answer.messages[0]?.id ?? '', 'failed');
    expect(failed?.errors?.[0]?.code).toBe(131009);
  });
});

describe('mark as read with typing indicator', () => {
  it('answers success, shows typing on the phone, and clears it at the next reply', async () => {
    const { wamid } = f.openWindow();
    await expect(f.client.markRead(NUMBER.phoneNumberId, wamid, { typing: true })).resolves.toEqual({
      success: true,
    });
    expect(lastSend(f.simulator).body).toMatchObject({ typing_indicator: { type: 'text' } });
    const chatUrl = `${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}/chat`;
    expect((await readJson(await fetch(chatUrl))).typing).toBe(true);
    await f.client.sendText(NUMBER.phoneNumberId, { to, body: 'Listo' });
    expect((await readJson(await fetch(chatUrl))).typing).toBe(false);
  });

  it('expires the typing indicator after 25 s and refuses an unknown indicator type', async () => {
    const { wamid } = f.openWindow();
    await f.client.markRead(NUMBER.phoneNumberId, wamid, { typing: true });
    f.clock.current += 25_000;
    const chatUrl = `${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}/chat`;
    expect((await readJson(await fetch(chatUrl))).typing).toBe(false);
    const response = await f.simulator.app.inject({
      method: 'POST',
      url: `/v25.0/${NUMBER.phoneNumberId}/messages`,
      headers: { authorization: `Bearer ${NUMBER.accessToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: wamid,
        typing_indicator: { type: 'audio' },
      }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(100);
  });
});
