import type { Message, Thread } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeWebhook, newWamid, unixNow } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

// Parse what is there, drop only what is broken: an odd or missing optional field keeps the
// message (or the rest of the change), each case posted signed to the webhook as Meta would.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

let nextWaId = 5215570000000;
const newWaId = () => String(nextWaId++);

async function threadOf(waId: string): Promise<Thread | null> {
  const list = await t.app.inject({
    method: 'GET',
    url: '/api/conversations',
    headers: { cookie: t.cookie },
  });
  const conv = list.json().items.find((c: { contact: { waId: string } }) => c.contact.waId === waId);
  if (!conv) return null;
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/conversations/${conv.id}`,
    headers: { cookie: t.cookie },
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const waitThread = (waId: string, ok: (th: Thread) => boolean, what: string) =>
  t.waitFor(async () => {
    const th = await threadOf(waId);
    return th && ok(th) ? th : null;
  }, what);

type MediaMessage = Message & { content: Extract<Message['content'], { media: unknown }> };
const mediaOf = (m: Message | undefined) => (m as MediaMessage | undefined)?.content.media;

/** Posts one customer message, signed, for the sandbox number. */
async function post(waId: string, message: Record<string, unknown>) {
  const body = changeWebhook({
    phoneNumberId: t.sandbox.phoneNumberId,
    wabaId: t.sandbox.wabaId,
    value: {
      contacts: [{ profile: { name: 'Lucía' }, wa_id: waId }],
      messages: [{ from: waId, id: newWamid(), timestamp: unixNow(), ...message }],
    },
  });
  expect((await t.postWebhook(body)).statusCode).toBe(200);
}

/** A file the simulated customer sent (so Meta's side knows its id), with its message. */
async function customerImage(waId: string) {
  const sent = t.simulator.sendAsCustomer({
    phoneNumberId: t.sandbox.phoneNumberId,
    waId,
    name: 'Lucía',
    message: { type: 'image', image: { caption: 'la foto' } },
    media: { base64: '/9j/4AAQSkZJRg==', mimeType: 'image/jpeg' },
  });
  const th = await waitThread(waId, (th) => mediaOf(th.messages[0])?.state === 'ready', 'the first image');
  return { mediaId: sent.mediaId!, thread: th };
}

describe('tolerant parsing of customer messages', () => {
  it('downloads and shows a file whose message carries no sha256', async () => {
    const waId = newWaId();
    const { mediaId } = await customerImage(waId);
    await post(waId, { type: 'image', image: { id: mediaId, mime_type: 'image/jpeg', caption: 'sin hash' } });
    const th = await waitThread(
      waId,
      (th) => th.messages.some((m) => m.text === 'sin hash' && mediaOf(m)?.state === 'ready'),
      'the image without sha256 downloaded',
    );
    const m = th.messages.find((m) => m.text === 'sin hash')!;
    expect(m.type).toBe('image');
    const media = mediaOf(m)!;
    expect(media.url).toBe(`/api/media/${media.id}`);
    // The download named the file's checksum and it matched: the file counts as checked.
    expect(media.unchecked).toBeUndefined();
    const file = await t.app.inject({ method: 'GET', url: media.url!, headers: { cookie: t.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(Buffer.from('/9j/4AAQSkZJRg==', 'base64'))).toBe(true);
  });

  it('says a file is unchecked while no checksum is known for it', async () => {
    const waId = newWaId();
    // A media id WhatsApp cannot find: the download fails, and until then nobody named a checksum.
    await post(waId, { type: 'document', document: { id: '998877665544', mime_type: 'application/pdf' } });
    const th = await waitThread(waId, (th) => th.messages.length === 1, 'the document');
    expect(th.messages[0]).toMatchObject({ type: 'document', content: { type: 'document' } });
    expect(mediaOf(th.messages[0])).toMatchObject({ unchecked: true, mimeType: 'application/pdf' });
  });

  it('keeps an identity change whose created_timestamp is a string', async () => {
    const waId = newWaId();
    await post(waId, {
      type: 'system',
      system: { type: 'customer_identity_changed', body: 'El código de seguridad cambió' },
      identity: { acknowledged: true, created_timestamp: '1749416383', hash: 'Sjvjlx8G6Z0=' },
    });
    const th = await waitThread(waId, (th) => th.messages.length === 1, 'the identity change');
    expect(th.messages[0]).toMatchObject({
      type: 'system',
      content: { type: 'system', body: 'El código de seguridad cambió' },
    });
  });

  it('skips a user_preferences item without wa_id and applies the others of the body', async () => {
    const waId = '34600777001';
    const body = changeWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      wabaId: t.sandbox.wabaId,
      field: 'user_preferences',
      value: {
        contacts: [{ profile: { name: 'Lucía' }, wa_id: waId }],
        user_preferences: [
          { detail: 'no wa_id', category: 'marketing_messages', value: 'stop', timestamp: 1731705721 },
          { wa_id: waId, category: 'marketing_messages', value: 'stop', timestamp: 1731705721 },
        ],
      },
    });
    expect((await t.postWebhook(body)).statusCode).toBe(200);
    const contact = await t.waitFor(async () => {
      const [row] = await t.container.db.query<{ opt_in_state: string }>(
        'SELECT opt_in_state FROM contacts WHERE wa_id = $1',
        [waId],
      );
      return row;
    }, 'the second item applied');
    expect(contact.opt_in_state).toBe('opted_out');
    const [event] = await t.container.db.query<{ status: string; error: string | null }>(
      `SELECT status, error FROM webhook_events WHERE raw_body LIKE '%' || $1 || '%' ORDER BY id DESC LIMIT 1`,
      [waId],
    );
    expect(event?.status).toBe('processed');
    expect(event?.error).toContain('user_preferences[0].wa_id');
  });
});

describe('media belongs to its message', () => {
  it('keeps each message`s own type, MIME type and file name when two reuse one WhatsApp media id', async () => {
    const waId = newWaId();
    const { mediaId } = await customerImage(waId);
    await post(waId, {
      type: 'document',
      document: { id: mediaId, mime_type: 'application/pdf', filename: 'factura.pdf' },
    });
    const th = await waitThread(
      waId,
      (th) => th.messages.length === 2 && th.messages.every((m) => mediaOf(m)?.state === 'ready'),
      'both files downloaded',
    );
    const image = th.messages.find((m) => m.type === 'image')!;
    const doc = th.messages.find((m) => m.type === 'document')!;
    expect(mediaOf(image)).toMatchObject({ mimeType: 'image/jpeg', filename: null, state: 'ready' });
    expect(mediaOf(doc)).toMatchObject({
      mimeType: 'application/pdf',
      filename: 'factura.pdf',
      state: 'ready',
    });
    expect(mediaOf(doc)!.id).not.toBe(mediaOf(image)!.id);
  });
});

describe('click-to-WhatsApp ads', () => {
  it('keeps every field of the ad a customer came from', async () => {
    const waId = newWaId();
    const referral = {
      source_url: 'https://fb.me/3cr4Wqqkv',
      source_id: '120226305854810726',
      source_type: 'ad',
      body: '¡Llegaron las suculentas!',
      headline: 'Escríbenos',
      media_type: 'video',
      video_url: 'https://video.example/ad.mp4',
      thumbnail_url: 'https://scontent.example/thumb.jpg',
      ctwa_clid: 'Aff-n8ZTODiE79d',
      welcome_message: { text: '¡Hola! ¿En qué te ayudamos?' },
    };
    await post(waId, { type: 'text', text: { body: 'Vi su anuncio' }, referral });
    const th = await waitThread(waId, (th) => th.messages.length === 1, 'the message from the ad');
    expect(th.messages[0]!.referral).toEqual({
      sourceType: 'ad',
      sourceUrl: 'https://fb.me/3cr4Wqqkv',
      sourceId: '120226305854810726',
      headline: 'Escríbenos',
      body: '¡Llegaron las suculentas!',
      ctwaClid: 'Aff-n8ZTODiE79d',
      mediaType: 'video',
      imageUrl: null,
      videoUrl: 'https://video.example/ad.mp4',
      thumbnailUrl: 'https://scontent.example/thumb.jpg',
      welcomeText: '¡Hola! ¿En qué te ayudamos?',
    });
  });

  it('filters the inbox to the chats that came from an ad', async () => {
    const fromAd = newWaId();
    const plain = newWaId();
    await post(fromAd, {
      type: 'text',
      text: { body: 'Hola, vi el anuncio' },
      referral: { source_type: 'ad', source_id: '42', source_url: 'https://fb.me/ad' },
    });
    await post(plain, { type: 'text', text: { body: 'Hola' } });
    await waitThread(plain, (th) => th.messages.length === 1, 'the plain chat');
    await waitThread(fromAd, (th) => th.messages.length === 1, 'the chat from the ad');
    const list = async (query: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/conversations${query}`,
        headers: { cookie: t.cookie },
      });
      expect(res.statusCode).toBe(200);
      return res.json().items.map((c: { contact: { waId: string } }) => c.contact.waId) as string[];
    };
    const ads = await list('?fromAd=true');
    expect(ads).toContain(fromAd);
    expect(ads).not.toContain(plain);
    const others = await list('?fromAd=false');
    expect(others).toContain(plain);
    expect(others).not.toContain(fromAd);
  });

  it('gives the contact the first ad they came from; a later ad does not replace it', async () => {
    const waId = newWaId();
    await post(waId, {
      type: 'text',
      text: { body: 'Vi el primer anuncio' },
      referral: { source_type: 'ad', source_id: '111', source_url: 'https://fb.me/primero' },
    });
    const th = await waitThread(waId, (th) => th.messages.length === 1, 'the first message');
    await post(waId, {
      type: 'text',
      text: { body: 'Y ahora otro' },
      referral: { source_type: 'ad', source_id: '222', source_url: 'https://fb.me/segundo' },
    });
    await waitThread(waId, (th) => th.messages.length === 2, 'the second message');
    const contact = await t.app.inject({
      method: 'GET',
      url: `/api/contacts/${th.conversation.contact.id}`,
      headers: { cookie: t.cookie },
    });
    expect(contact.json().adSource).toEqual({ id: '111', url: 'https://fb.me/primero' });
  });
});
