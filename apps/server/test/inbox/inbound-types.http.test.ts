import type { Message, Thread } from '@charla/contracts';
import type { SendAsCustomerInput } from '@charla/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWamid } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

// What an agent gets from GET /api/conversations/:id for everything a customer can send,
// each sent through the simulator exactly as Meta would deliver it.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

let nextWaId = 5215560000000;
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

/** Waits until the thread satisfies `ok`, then returns it. */
const waitThread = (waId: string, ok: (th: Thread) => boolean, what: string) =>
  t.waitFor(async () => {
    const th = await threadOf(waId);
    return th && ok(th) ? th : null;
  }, what);

const lastMessage = async (waId: string, count = 1) =>
  (await waitThread(waId, (th) => th.messages.length >= count, `${count} message(s)`)).messages.at(-1)!;

// Messages sent within one second share WhatsApp's timestamp, so their order is not the test's.
const byText = async (waId: string, text: string) =>
  (await waitThread(waId, (th) => th.messages.some((m) => m.text === text), `"${text}"`)).messages.find(
    (m) => m.text === text,
  )!;

const send = (waId: string, input: Omit<SendAsCustomerInput, 'phoneNumberId' | 'waId'>) =>
  t.simulator.sendAsCustomer({ phoneNumberId: t.sandbox.phoneNumberId, waId, name: 'Lucía', ...input });

describe('every inbound type reaches the inbox intact', () => {
  const media = (b64: string, mimeType: string, filename?: string) => ({ base64: b64, mimeType, filename });
  const cases: {
    name: string;
    input: Omit<SendAsCustomerInput, 'phoneNumberId' | 'waId'>;
    content: Record<string, unknown>;
    text: string | null;
  }[] = [
    {
      name: 'text',
      input: { text: '¿Tienen envío a Puebla?' },
      content: { type: 'text' },
      text: '¿Tienen envío a Puebla?',
    },
    {
      name: 'image with caption',
      input: {
        message: { type: 'image', image: { caption: 'Este modelo' } },
        media: media('/9j/4AAQ', 'image/jpeg'),
      },
      content: { type: 'image', caption: 'Este modelo', media: { mimeType: 'image/jpeg' } },
      text: 'Este modelo',
    },
    {
      name: 'document',
      input: {
        message: { type: 'document', document: { filename: 'pedido.pdf' } },
        media: media('JVBERi0xLjQ=', 'application/pdf', 'pedido.pdf'),
      },
      content: {
        type: 'document',
        caption: null,
        media: { mimeType: 'application/pdf', filename: 'pedido.pdf' },
      },
      text: '📄 pedido.pdf',
    },
    {
      name: 'voice note',
      input: { message: { type: 'audio', audio: { voice: true } }, media: media('T2dnUw==', 'audio/ogg') },
      content: { type: 'audio', voice: true },
      text: '🎤',
    },
    {
      name: 'video',
      input: { message: { type: 'video', video: {} }, media: media('AAAAGGZ0eXA=', 'video/mp4') },
      content: { type: 'video', caption: null },
      text: '🎥',
    },
    {
      name: 'sticker',
      input: {
        message: { type: 'sticker', sticker: { animated: false } },
        media: media('UklGRg==', 'image/webp'),
      },
      content: { type: 'sticker', animated: false },
      text: '💟',
    },
    {
      name: 'location',
      input: {
        message: {
          type: 'location',
          location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo', address: 'Centro, CDMX' },
        },
      },
      content: {
        type: 'location',
        latitude: 19.4326,
        longitude: -99.1332,
        name: 'Zócalo',
        address: 'Centro, CDMX',
      },
      text: '📍 Zócalo',
    },
    {
      name: 'contacts',
      input: {
        message: {
          type: 'contacts',
          contacts: [
            { name: { formatted_name: 'Marta Ruiz' }, phones: [{ phone: '+52 55 1234 5678', type: 'CELL' }] },
          ],
        },
      },
      content: {
        type: 'contacts',
        contacts: [{ name: 'Marta Ruiz', phones: [{ phone: '+52 55 1234 5678' }] }],
      },
      text: '👤 Marta Ruiz',
    },
    {
      name: 'reply button',
      input: {
        message: {
          type: 'interactive',
          interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Sí, confirmo' } },
        },
      },
      content: { type: 'reply', kind: 'button_reply', id: 'yes', title: 'Sí, confirmo' },
      text: 'Sí, confirmo',
    },
    {
      name: 'list row',
      input: {
        message: {
          type: 'interactive',
          interactive: {
            type: 'list_reply',
            list_reply: { id: 'exp', title: 'Express', description: 'Mañana' },
          },
        },
      },
      content: { type: 'reply', kind: 'list_reply', id: 'exp', title: 'Express', description: 'Mañana' },
      text: 'Express',
    },
    {
      name: 'template quick reply',
      input: { message: { type: 'button', button: { payload: 'STOP', text: 'No más promociones' } } },
      content: { type: 'reply', kind: 'template_button', id: 'STOP', title: 'No más promociones' },
      text: 'No más promociones',
    },
    {
      name: 'order',
      input: {
        message: {
          type: 'order',
          order: {
            catalog_id: '354160437058781',
            text: 'Para el viernes',
            product_items: [{ product_retailer_id: 'SKU1', quantity: 2, item_price: 150, currency: 'MXN' }],
          },
        },
      },
      content: {
        type: 'order',
        text: 'Para el viernes',
        items: [{ productId: 'SKU1', quantity: 2, price: 150, currency: 'MXN' }],
      },
      text: '🛒 Para el viernes',
    },
    {
      name: 'poll (unsupported)',
      input: {
        message: {
          type: 'unsupported',
          unsupported: { type: 'poll_creation' },
          errors: [{ code: 131051, title: 'Message type unknown' }],
        },
      },
      content: { type: 'unsupported', kind: 'poll_creation' },
      text: null,
    },
    {
      name: 'request_welcome',
      input: { message: { type: 'request_welcome' } },
      content: { type: 'welcome' },
      text: null,
    },
  ];

  it.each(cases)('$name', async ({ input, content, text }) => {
    const waId = newWaId();
    send(waId, input);
    const m = await lastMessage(waId);
    expect(m).toMatchObject({
      direction: 'inbound',
      content,
      text,
      replyTo: null,
      reactions: [],
      forwarded: null,
    });
    expect(m.type).toBe(content.type);
  });

  it('downloads media and serves it at the message`s media url', async () => {
    const waId = newWaId();
    send(waId, { message: { type: 'image', image: {} }, media: media('/9j/4AAQSkZJRg==', 'image/jpeg') });
    const th = await waitThread(
      waId,
      (th) => (th.messages[0]?.content as { media?: { state: string } })?.media?.state === 'ready',
      'the image to be downloaded',
    );
    const content = th.messages[0]!.content as Extract<Message['content'], { media: unknown }>;
    expect(content.media.url).toBe(`/api/media/${content.media.id}`);
    const file = await t.app.inject({
      method: 'GET',
      url: content.media.url!,
      headers: { cookie: t.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(Buffer.from('/9j/4AAQSkZJRg==', 'base64'))).toBe(true);
  });
});

describe('replies, reactions, forwards and ads', () => {
  it('resolves a reply to the quoted customer message', async () => {
    const waId = newWaId();
    const original = send(waId, { text: 'Quiero la talla M' });
    await lastMessage(waId);
    send(waId, { message: { type: 'text', text: { body: 'mejor L' }, context: { id: original.wamid } } });
    const first = await byText(waId, 'Quiero la talla M');
    expect(await byText(waId, 'mejor L')).toMatchObject({
      replyTo: { id: first.id, direction: 'inbound', preview: 'Quiero la talla M' },
    });
  });

  it('resolves a reply to the agent`s message, and a reaction to it that is then removed', async () => {
    const waId = newWaId();
    send(waId, { text: 'Hola' });
    const conv = (await waitThread(waId, (th) => th.messages.length === 1, 'the first message')).conversation;
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${conv.id}/messages`,
      headers: { cookie: t.cookie },
      payload: { text: 'Claro, ¿qué talla?' },
    });
    expect(sent.statusCode).toBe(202);
    expect(sent.json().content).toEqual({ type: 'text', body: 'Claro, ¿qué talla?' });
    const wamid = await t.waitFor(async () => {
      const rows = await t.container.db.query<{ external_id: string | null }>(
        'SELECT external_id FROM messages WHERE id = $1',
        [sent.json().id],
      );
      return rows[0]?.external_id;
    }, 'the wamid');

    send(waId, { message: { type: 'text', text: { body: 'M' }, context: { id: wamid } } });
    expect(await byText(waId, 'M')).toMatchObject({
      replyTo: { id: sent.json().id, direction: 'outbound', preview: 'Claro, ¿qué talla?' },
    });

    send(waId, { message: { type: 'reaction', reaction: { message_id: wamid, emoji: '👍' } } });
    const agents = (th: Thread) => th.messages.find((m) => m.id === sent.json().id)!;
    const reacted = await waitThread(waId, (th) => agents(th).reactions.length === 1, 'the reaction');
    expect(agents(reacted).reactions).toEqual([
      { emoji: '👍', direction: 'inbound', at: expect.any(String) },
    ]);
    expect(reacted.messages).toHaveLength(3);

    // Reactions carry whole-second timestamps: a replacement in the same second must still win.
    send(waId, { message: { type: 'reaction', reaction: { message_id: wamid, emoji: '❤️' } } });
    await waitThread(waId, (th) => agents(th).reactions[0]?.emoji === '❤️', 'the new reaction to replace it');

    send(waId, { message: { type: 'reaction', reaction: { message_id: wamid, emoji: '' } } });
    const removed = await waitThread(waId, (th) => agents(th).reactions.length === 0, 'the un-react');
    expect(removed.messages).toHaveLength(3);
  });

  it('keeps a reaction that arrives before its message and applies it when the message comes', async () => {
    const waId = newWaId();
    const wamid = newWamid();
    const at = Math.floor(Date.now() / 1000);
    const change = (messages: unknown[]) =>
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: t.sandbox.wabaId,
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '15550100100', phone_number_id: t.sandbox.phoneNumberId },
                  contacts: [{ profile: { name: 'Lucía' }, wa_id: waId }],
                  messages,
                },
              },
            ],
          },
        ],
      });
    const reaction = {
      from: waId,
      id: newWamid(),
      timestamp: String(at + 1),
      type: 'reaction',
      reaction: { message_id: wamid, emoji: '🎉' },
    };
    expect((await t.postWebhook(change([reaction]))).statusCode).toBe(200);
    await t.waitFor(
      async () =>
        (await t.container.db.query('SELECT 1 FROM pending_reactions WHERE target_external_id = $1', [wamid]))
          .length === 1,
      'the pending reaction',
    );
    const text = { from: waId, id: wamid, timestamp: String(at), type: 'text', text: { body: '¡Llegó!' } };
    expect((await t.postWebhook(change([text]))).statusCode).toBe(200);
    const th = await waitThread(
      waId,
      (th) => th.messages[0]?.reactions.length === 1,
      'the early reaction applied',
    );
    expect(th.messages[0]!.reactions[0]!.emoji).toBe('🎉');
  });

  it('flags forwarded messages and keeps the ad a customer came from', async () => {
    const waId = newWaId();
    send(waId, { message: { type: 'text', text: { body: 'mira esto' }, context: { forwarded: true } } });
    expect(await byText(waId, 'mira esto')).toMatchObject({ forwarded: 'once' });
    send(waId, {
      message: { type: 'text', text: { body: 'y esto' }, context: { frequently_forwarded: true } },
    });
    expect(await byText(waId, 'y esto')).toMatchObject({ forwarded: 'frequently' });
    send(waId, {
      message: {
        type: 'text',
        text: { body: 'Vi su anuncio' },
        referral: { source_type: 'ad', source_url: 'https://fb.me/x', headline: 'Suculentas', body: '2x1' },
      },
    });
    expect(await byText(waId, 'Vi su anuncio')).toMatchObject({
      forwarded: null,
      referral: { sourceType: 'ad', sourceUrl: 'https://fb.me/x', headline: 'Suculentas', body: '2x1' },
    });
  });

  it('keeps an unknown type and a malformed known type as unsupported, with the raw message', async () => {
    const waId = newWaId();
    const value = (message: Record<string, unknown>) => ({
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550100100', phone_number_id: t.sandbox.phoneNumberId },
      contacts: [{ profile: { name: 'Lucía' }, wa_id: waId }],
      messages: [
        { from: waId, id: newWamid(), timestamp: String(Math.floor(Date.now() / 1000)), ...message },
      ],
    });
    t.simulator.sendRawAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      value: value({ type: 'hologram', hologram: { depth: 3 } }),
    });
    expect(await lastMessage(waId)).toMatchObject({
      type: 'unsupported',
      content: { type: 'unsupported', kind: 'hologram', reason: expect.stringContaining('hologram') },
    });
    t.simulator.sendRawAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      value: value({ type: 'location', location: { latitude: 'north' } }),
    });
    const both = await waitThread(waId, (th) => th.messages.length === 2, 'both messages');
    expect(both.messages.find((m) => (m.content as { kind?: string }).kind === 'location')).toMatchObject({
      content: { type: 'unsupported', kind: 'location', reason: expect.stringContaining('latitude') },
    });
    const raw = await t.container.db.query<{ raw: { hologram?: unknown } }>(
      `SELECT raw FROM messages WHERE raw->>'type' = 'hologram' AND raw->>'from' = $1`,
      [waId],
    );
    expect(raw[0]?.raw.hologram).toEqual({ depth: 3 });
  });

  it('shows media WhatsApp could not download (131052) as failed with a reason', async () => {
    const waId = newWaId();
    t.simulator.sendRawAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '15550100100', phone_number_id: t.sandbox.phoneNumberId },
        contacts: [{ profile: { name: 'Lucía' }, wa_id: waId }],
        messages: [
          {
            from: waId,
            id: newWamid(),
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: 'video',
            errors: [
              {
                code: 131052,
                title: 'Media download error',
                error_data: { details: 'Media file size too big' },
              },
            ],
          },
        ],
      },
    });
    const m = await lastMessage(waId);
    expect(m.content).toMatchObject({
      type: 'video',
      media: { state: 'failed', url: null, error: expect.stringContaining('100 MB') },
    });
  });
});
