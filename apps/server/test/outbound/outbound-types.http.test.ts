import type { SendMessageRequest } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, createGraphSpy, FILES, openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';

// Each kind of message an agent can send reaches "Meta" (the simulator) as exactly the request
// reference §2 documents, files uploaded first (§3.1) and their Meta id reused.

const spy = createGraphSpy();
let t: TestApp;
let api: ReturnType<typeof apiOf>;
const waId = '5215544440001';
let conv: { id: string; wamid: string };
beforeAll(async () => {
  t = await createTestApp({ graphFetch: spy.graphFetch });
  api = apiOf(t);
  conv = await openConversation(t, waId, 'Quiero ver el menú');
});
afterAll(() => t?.close());

const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: `+${waId}` };

/** Sends through the API, waits until the simulator accepted it, and returns what it received. */
async function send(request: SendMessageRequest) {
  const before = t.simulator.sends(t.sandbox.phoneNumberId).length;
  const res = await api.call('POST', `/api/conversations/${conv.id}/messages`, request);
  expect(res.statusCode, res.body).toBe(202);
  const message = res.json();
  const accepted = await t.waitFor(
    async () => {
      const m = await api.message(conv.id, message.id);
      return m && m.status !== 'queued' && m;
    },
    `${request.type ?? 'text'} to be accepted`,
  );
  expect(accepted.status, JSON.stringify(accepted.error)).not.toBe('failed');
  const sends = t.simulator.sends(t.sandbox.phoneNumberId).slice(before);
  expect(sends).toHaveLength(1);
  expect(sends[0]!.responseStatus).toBe(200);
  // Meta echoes it in the message's statuses: a send whose answer was lost is settled by them.
  const { biz_opaque_callback_data: callback, ...body } = sends[0]!.body as Record<string, unknown>;
  expect(callback).toBe(`msg:${message.id}`);
  return { message: accepted, body };
}

async function uploaded(file: { mimeType: string; bytes: Uint8Array }, filename: string) {
  const res = await api.upload(conv.id, file, filename);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; kind: string; mimeType: string; size: number; filename: string };
}

const metaIdOf = async (mediaId: string) =>
  (
    await t.container.db.query<{ external_id: string }>('SELECT external_id FROM media WHERE id = $1', [
      mediaId,
    ])
  )[0]!.external_id;

describe('outbound message types, as the reference documents them', () => {
  it('text, and a reply that quotes the customer', async () => {
    expect((await send({ text: 'Hola, ¿qué se te antoja?' })).body).toEqual({
      ...envelope,
      type: 'text',
      text: { body: 'Hola, ¿qué se te antoja?' },
    });
    const inbound = (await api.thread(conv.id)).messages.find((m) => m.direction === 'inbound')!;
    const reply = await send({ type: 'text', text: 'Claro', replyToMessageId: inbound.id });
    expect(reply.body).toEqual({
      ...envelope,
      type: 'text',
      text: { body: 'Claro' },
      context: { message_id: conv.wamid },
    });
    expect(reply.message.replyTo).toMatchObject({ id: inbound.id, direction: 'inbound' });
  });

  it('image, video, document, audio and sticker: uploaded, then sent by Meta id', async () => {
    const image = await uploaded(FILES.png, 'menu.png');
    expect(image).toMatchObject({ kind: 'image', mimeType: 'image/png', size: FILES.png.bytes.length });
    const sent = await send({ type: 'media', mediaId: image.id, caption: 'Menú del día' });
    expect(sent.body).toEqual({
      ...envelope,
      type: 'image',
      image: { id: await metaIdOf(image.id), caption: 'Menú del día' },
    });
    expect(sent.message.content).toMatchObject({
      type: 'image',
      caption: 'Menú del día',
      media: { id: image.id, state: 'ready' },
    });

    const video = await uploaded(FILES.mp4, 'clip.mp4');
    expect((await send({ type: 'media', mediaId: video.id })).body).toEqual({
      ...envelope,
      type: 'video',
      video: { id: await metaIdOf(video.id) },
    });

    const pdf = await uploaded(FILES.pdf, 'Factura marzo.pdf');
    expect((await send({ type: 'media', mediaId: pdf.id, caption: 'Tu factura' })).body).toEqual({
      ...envelope,
      type: 'document',
      document: { id: await metaIdOf(pdf.id), caption: 'Tu factura', filename: 'Factura marzo.pdf' },
    });

    const mp3 = await uploaded(FILES.mp3, 'jingle.mp3');
    expect((await send({ type: 'media', mediaId: mp3.id })).body).toEqual({
      ...envelope,
      type: 'audio',
      audio: { id: await metaIdOf(mp3.id) },
    });

    const sticker = await uploaded(FILES.webp, 'gracias.webp');
    expect(sticker.kind).toBe('sticker');
    expect((await send({ type: 'media', mediaId: sticker.id })).body).toEqual({
      ...envelope,
      type: 'sticker',
      sticker: { id: await metaIdOf(sticker.id) },
    });
  });

  it('a voice note recorded as WebM/Opus is rewrapped as OGG/Opus and sent with voice: true', async () => {
    const voice = await uploaded(FILES.webm, 'grabacion.webm');
    expect(voice).toMatchObject({ kind: 'audio', mimeType: 'audio/ogg', filename: 'grabacion.ogg' });
    const stored = await t.app.inject({
      method: 'GET',
      url: `/api/media/${voice.id}`,
      headers: { cookie: t.cookie },
    });
    expect(stored.rawPayload.subarray(0, 4).toString('latin1')).toBe('OggS');
    const sent = await send({ type: 'media', mediaId: voice.id, voice: true });
    expect(sent.body).toEqual({
      ...envelope,
      type: 'audio',
      audio: { id: await metaIdOf(voice.id), voice: true },
    });
    expect(sent.message.text).toBe('🎤');
  });

  it('reuses the Meta id of a file while it is valid, and uploads again after 29 days', async () => {
    const image = await uploaded(FILES.png, 'promo.png');
    const uploads = () => spy.calls.filter((c) => c.url.endsWith('/media')).length;
    const first = await send({ type: 'media', mediaId: image.id });
    const before = uploads();
    const second = await send({ type: 'media', mediaId: image.id, caption: 'Otra vez' });
    expect(uploads()).toBe(before);
    expect((second.body as { image: { id: string } }).image.id).toBe(
      (first.body as { image: { id: string } }).image.id,
    );

    await t.container.db.query(
      `UPDATE media SET external_uploaded_at = external_uploaded_at - interval '30 days' WHERE id = $1`,
      [image.id],
    );
    const third = await send({ type: 'media', mediaId: image.id });
    expect(uploads()).toBe(before + 1);
    expect((third.body as { image: { id: string } }).image.id).not.toBe(
      (first.body as { image: { id: string } }).image.id,
    );
  });

  it('location and contacts', async () => {
    expect(
      (
        await send({
          type: 'location',
          latitude: 19.4326,
          longitude: -99.1332,
          name: 'Tacos Ana',
          address: 'Zócalo, CDMX',
        })
      ).body,
    ).toEqual({
      ...envelope,
      type: 'location',
      location: { latitude: 19.4326, longitude: -99.1332, name: 'Tacos Ana', address: 'Zócalo, CDMX' },
    });
    const card = {
      name: 'Barbara Johnson',
      phones: [{ phone: '+16505559999', type: 'WORK', waId: '16505559999' }],
      emails: [{ email: 'b@example.com', type: null }],
      organization: 'Lucky Shrub',
    };
    expect((await send({ type: 'contacts', contacts: [card] })).body).toEqual({
      ...envelope,
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Barbara Johnson' },
          phones: [{ phone: '+16505559999', type: 'WORK', wa_id: '16505559999' }],
          emails: [{ email: 'b@example.com' }],
          org: { company: 'Lucky Shrub' },
        },
      ],
    });
  });

  it('reply buttons, a list and a call-to-action link', async () => {
    const base = {
      header: 'Reserva',
      body: '¿Confirmas tu mesa a las 9?',
      footer: 'Tacos Ana',
      list: null,
      cta: null,
    };
    expect(
      (
        await send({
          type: 'interactive',
          interactive: {
            ...base,
            kind: 'buttons',
            buttons: [
              { id: 'yes', title: 'Sí' },
              { id: 'no', title: 'Cambiar' },
            ],
          },
        })
      ).body,
    ).toEqual({
      ...envelope,
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Reserva' },
        body: { text: '¿Confirmas tu mesa a las 9?' },
        footer: { text: 'Tacos Ana' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'yes', title: 'Sí' } },
            { type: 'reply', reply: { id: 'no', title: 'Cambiar' } },
          ],
        },
      },
    });
    const list = {
      button: 'Ver menú',
      sections: [{ title: 'Tacos', rows: [{ id: 'pastor', title: 'Al pastor', description: 'Con piña' }] }],
    };
    expect(
      (
        await send({
          type: 'interactive',
          interactive: { ...base, header: null, footer: null, kind: 'list', buttons: [], list },
        })
      ).body,
    ).toEqual({
      ...envelope,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: '¿Confirmas tu mesa a las 9?' },
        action: {
          button: 'Ver menú',
          sections: [
            { title: 'Tacos', rows: [{ id: 'pastor', title: 'Al pastor', description: 'Con piña' }] },
          ],
        },
      },
    });
    const cta = { displayText: 'Reservar', url: 'https://example.com/reservar' };
    expect(
      (await send({ type: 'interactive', interactive: { ...base, kind: 'cta_url', buttons: [], cta } })).body,
    ).toEqual({
      ...envelope,
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        header: { type: 'text', text: 'Reserva' },
        body: { text: '¿Confirmas tu mesa a las 9?' },
        footer: { text: 'Tacos Ana' },
        action: {
          name: 'cta_url',
          parameters: { display_text: 'Reservar', url: 'https://example.com/reservar' },
        },
      },
    });
  });

  it('a reaction to the customer`s message, then its removal', async () => {
    const inbound = (await api.thread(conv.id)).messages.find((m) => m.direction === 'inbound')!;
    const react = async (emoji: string) => {
      const before = t.simulator.sends(t.sandbox.phoneNumberId).length;
      const res = await api.call('POST', `/api/messages/${inbound.id}/reaction`, { emoji });
      expect(res.statusCode, res.body).toBe(202);
      const [sent] = await t.waitFor(async () => {
        const s = t.simulator.sends(t.sandbox.phoneNumberId).slice(before);
        return s.length > 0 && s;
      }, 'the reaction to reach the simulator');
      expect(sent!.responseStatus).toBe(200);
      return sent!.body;
    };
    expect(await react('👍')).toEqual({
      ...envelope,
      type: 'reaction',
      reaction: { message_id: conv.wamid, emoji: '👍' },
    });
    const shown = (await api.thread(conv.id)).messages.find((m) => m.id === inbound.id)!;
    expect(shown.reactions).toEqual([expect.objectContaining({ emoji: '👍', direction: 'outbound' })]);
    expect(await react('')).toEqual({
      ...envelope,
      type: 'reaction',
      reaction: { message_id: conv.wamid, emoji: '' },
    });
    expect((await api.thread(conv.id)).messages.find((m) => m.id === inbound.id)!.reactions).toEqual([]);
  });
});

describe('what Charla refuses before anything reaches WhatsApp', () => {
  it('an image over 5 MB (413) and a GIF (422), naming the limit; nothing is stored or uploaded', async () => {
    const graphCalls = spy.calls.length;
    const mediaRows = async () =>
      (await t.container.db.query('SELECT id FROM media WHERE direction = $1', ['outbound'])).length;
    const rowsBefore = await mediaRows();
    const big = Buffer.concat([FILES.png.bytes, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await api.upload(conv.id, { mimeType: 'image/png', bytes: big }, 'huge.png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('media_too_large');
    expect(tooBig.body.error.message).toMatch(/5 MB/);

    const gif = await api.upload(
      conv.id,
      { mimeType: 'image/gif', bytes: Buffer.from('GIF89a') },
      'dance.gif',
    );
    expect(gif.status).toBe(422);
    expect(gif.body.error.code).toBe('media_type_not_accepted');
    expect(gif.body.error.message).toMatch(/image\/gif.*image\/jpeg, image\/png/);

    expect(spy.calls.length).toBe(graphCalls);
    expect(await mediaRows()).toBe(rowsBefore);
  });

  it('content WhatsApp would refuse, naming the field and the rule', async () => {
    const before = t.simulator.sends().length;
    const res = await api.call('POST', `/api/conversations/${conv.id}/messages`, {
      type: 'interactive',
      interactive: {
        kind: 'buttons',
        header: null,
        body: 'Elige',
        footer: null,
        buttons: [{ id: 'a', title: 'Un título demasiado largo para un botón' }],
        list: null,
        cta: null,
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('not_sendable');
    expect(res.json().error.message).toMatch(/buttons\[0\]\.reply\.title.*20/);
    const caption = await api.call('POST', `/api/conversations/${conv.id}/messages`, {
      type: 'media',
      mediaId: (await uploaded(FILES.mp3, 'a.mp3')).id,
      caption: 'no',
    });
    expect(caption.statusCode).toBe(422);
    expect(caption.json().error.code).toBe('caption_not_allowed');
    expect(t.simulator.sends().length).toBe(before);
  });

  it('every free-form kind, reactions included, once the 24-hour window closed', async () => {
    const other = await openConversation(t, '5215544440002');
    const image = (await api.upload(other.id, FILES.png, 'x.png')).body;
    const inbound = (await api.thread(other.id)).messages[0]!;
    const before = t.simulator.sends().length;
    t.clock.advance(25 * 3600_000);
    for (const request of [
      { text: 'hola' },
      { type: 'media', mediaId: image.id },
      { type: 'location', latitude: 1, longitude: 2 },
    ]) {
      const res = await api.call('POST', `/api/conversations/${other.id}/messages`, request);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('window_closed');
    }
    const reaction = await api.call('POST', `/api/messages/${inbound.id}/reaction`, { emoji: '❤️' });
    expect(reaction.statusCode).toBe(422);
    expect(reaction.json().error.code).toBe('window_closed');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.simulator.sends().length).toBe(before);
  });
});
