import type { FlowDefinitionInput, RuleInput } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeUnusedUploads, UNUSED_UPLOAD_DAYS } from '../../src/modules/inbox';
import { apiOf, FILES } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { requestsAs, simulatedCustomers } from './automation-harness';

// Rules and bots that answer with a file (a price list, a photo of the menu), through the simulator.
let t: TestApp;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const api = requestsAs(() => t)(() => t.cookie);
const { newCustomer, writes, sentTo, conversationOf } = simulatedCustomers(() => t, {
  prefix: '34677',
  name: 'Lucía Gómez',
});

async function uploadFor(file: { mimeType: string; bytes: Uint8Array }, name: string): Promise<string> {
  const res = await apiOf(t).uploadChannelFile(t.sandbox.id, file, name);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const rule = (name: string, keyword: string, actions: RuleInput['actions']) =>
  api('POST', '/api/automation/rules', {
    name,
    enabled: true,
    trigger: { type: 'message_received' },
    conditions: [{ type: 'keywords', keywords: [keyword], mode: 'contains' }],
    actions,
  });

describe('automatic messages with a file', () => {
  it('a keyword rule answers with the PDF price list, its caption filled, uploaded to WhatsApp', async () => {
    const pdf = await uploadFor(FILES.pdf, 'Tarifas 2026.pdf');
    const res = await rule('Tarifas', 'precios', [
      {
        type: 'send_message',
        message: {
          type: 'media',
          mediaId: pdf,
          caption: 'Hola {{contact.first_name}}, aquí tienes las tarifas.',
        },
      },
    ]);
    expect(res.statusCode, res.body).toBe(201);

    const from = newCustomer();
    writes(from, '¿Qué precios tenéis?');
    const [sent] = await t.waitFor(async () => sentTo(from).length > 0 && sentTo(from), 'the price list');
    expect(sent).toMatchObject({
      type: 'document',
      document: { caption: 'Hola Lucía, aquí tienes las tarifas.', filename: 'Tarifas 2026.pdf' },
    });
    // The file went to the number's media first: the send names the id WhatsApp gave it.
    const [file] = await t.container.db.query<{ external_id: string | null; message_id: string | null }>(
      'SELECT external_id, message_id FROM media WHERE id = $1',
      [pdf],
    );
    expect(file?.external_id).toBeTruthy();
    expect(sent?.document?.id).toBe(file?.external_id);

    const conversationId = await conversationOf(from);
    const thread = (await api('GET', `/api/conversations/${conversationId}`)).json();
    const reply = thread.messages.find((m: { direction: string }) => m.direction === 'outbound');
    expect(reply).toMatchObject({
      automatedBy: expect.objectContaining({ kind: 'rule', name: 'Tarifas' }),
      content: {
        type: 'document',
        caption: 'Hola Lucía, aquí tienes las tarifas.',
        media: {
          id: pdf,
          url: `/api/media/${pdf}`,
          mimeType: 'application/pdf',
          filename: 'Tarifas 2026.pdf',
        },
      },
    });
    expect(file?.message_id).toBe(reply.id);
    await api('PATCH', `/api/automation/rules/${res.json().id}`, { enabled: false });
  });

  it('a file deleted since the rule was saved is skipped with its reason, never sent broken', async () => {
    const png = await uploadFor(FILES.png, 'carta.png');
    const res = await rule('Carta', 'carta', [
      { type: 'send_message', message: { type: 'media', mediaId: png } },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    await t.container.db.query('DELETE FROM media WHERE id = $1', [png]);

    const from = newCustomer();
    writes(from, 'la carta?', 'Ana');
    const conversationId = await conversationOf(from);
    const events = await t.waitFor(async () => {
      const list = (await api('GET', `/api/conversations/${conversationId}`)).json().events as {
        to: string | null;
        note: string | null;
      }[];
      return list.some((e) => e.to === 'skipped') && list;
    }, 'the skipped line');
    expect(events).toContainEqual(expect.objectContaining({ to: 'skipped', note: 'file_missing' }));
    expect(sentTo(from)).toEqual([]);
    await api('PATCH', `/api/automation/rules/${res.json().id}`, { enabled: false });
  });

  it('a bot message node sends a photo', async () => {
    const png = await uploadFor(FILES.png, 'menu.png');
    const draft: FlowDefinitionInput = {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'photo', type: 'message', message: { type: 'media', mediaId: png, caption: 'El menú de hoy' } },
        { id: 'bye', type: 'end', text: '¡Buen provecho!' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'photo' },
        { id: 'e2', source: 'photo', target: 'bye' },
      ],
    };
    const flow = (await api('POST', '/api/flows', { name: 'Menú' })).json();
    expect((await api('PUT', `/api/flows/${flow.id}`, { name: 'Menú', draft })).statusCode).toBe(200);
    const published = await api('POST', `/api/flows/${flow.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    const res = await rule('Menú', 'menu', [{ type: 'start_flow', flowId: flow.id }]);
    expect(res.statusCode, res.body).toBe(201);

    const from = newCustomer();
    writes(from, 'el menu', 'Pablo');
    const sent = await t.waitFor(
      async () => sentTo(from).length >= 2 && sentTo(from),
      'the photo and the goodbye',
    );
    expect(sent.map((b) => b.type)).toEqual(['image', 'text']);
    expect(sent[0]?.image?.caption).toBe('El menú de hoy');
    await api('PATCH', `/api/automation/rules/${res.json().id}`, { enabled: false });
  });

  it('saving refuses an unknown file and a caption on audio, naming the field', async () => {
    const unknown = await rule('Nada', 'nada', [
      {
        type: 'send_message',
        message: { type: 'media', mediaId: '00000000-0000-4000-8000-000000000000', caption: '' },
      },
    ]);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields).toContainEqual(
      expect.objectContaining({ path: 'actions.0.message.mediaId' }),
    );
    const mp3 = await uploadFor(FILES.mp3, 'saludo.mp3');
    const captioned = await rule('Audio', 'audio', [
      { type: 'send_message', message: { type: 'media', mediaId: mp3, caption: 'Escucha' } },
    ]);
    expect(captioned.statusCode).toBe(422);
    expect(captioned.json().error.fields).toContainEqual(
      expect.objectContaining({ path: 'actions.0.message.caption' }),
    );
    const plain = await rule('Audio', 'audio', [
      { type: 'send_message', message: { type: 'media', mediaId: mp3 } },
    ]);
    expect(plain.statusCode, plain.body).toBe(201);
    await api('PATCH', `/api/automation/rules/${plain.json().id}`, { enabled: false });

    const flow = (await api('POST', '/api/flows', { name: 'Sin archivo' })).json();
    const draft: FlowDefinitionInput = {
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'file',
          type: 'message',
          message: { type: 'media', mediaId: '00000000-0000-4000-8000-000000000000', caption: '' },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'file' }],
    };
    expect((await api('PUT', `/api/flows/${flow.id}`, { name: 'Sin archivo', draft })).statusCode).toBe(200);
    const refused = await api('POST', `/api/flows/${flow.id}/publish`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields).toContainEqual(
      expect.objectContaining({ path: 'nodes.file.message.mediaId', code: 'file_invalid' }),
    );
  });

  it('a sequence step takes a file of its number, and names the step of an unknown one', async () => {
    const pdf = await uploadFor(FILES.pdf, 'bienvenida.pdf');
    const sequence = (mediaId: string) =>
      api('POST', '/api/sequences', {
        name: `Bienvenida ${++n}`,
        channelId: t.sandbox.id,
        window: { timeZone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' },
        steps: [
          { delay: { amount: 1, unit: 'days' }, message: { type: 'media', mediaId, caption: 'Para ti' } },
        ],
      });
    const saved = await sequence(pdf);
    expect(saved.statusCode, saved.body).toBe(201);
    const refused = await sequence('00000000-0000-4000-8000-000000000000');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields).toContainEqual(
      expect.objectContaining({ path: 'steps.0.message.mediaId' }),
    );
  });

  it(`keeps a file a rule sends past ${UNUSED_UPLOAD_DAYS} days; purges one nothing uses`, async () => {
    const kept = await uploadFor(FILES.pdf, 'catalogo.pdf');
    const unused = await uploadFor(FILES.pdf, 'borrador.pdf');
    const res = await rule('Catálogo', 'catalogo', [
      { type: 'send_message', message: { type: 'media', mediaId: kept, caption: '' } },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    t.clock.advance((UNUSED_UPLOAD_DAYS + 1) * DAY);
    await purgeUnusedUploads(t.container.inbox);
    const left = await t.container.db.query<{ id: string }>(
      'SELECT id FROM media WHERE id = ANY($1::uuid[])',
      [[kept, unused]],
    );
    expect(left.map((r) => r.id)).toEqual([kept]);
  });
});
