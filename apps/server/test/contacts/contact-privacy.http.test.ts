import { randomBytes } from 'node:crypto';
import type { Broadcast, Thread } from '@charla/contracts';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPendingWebhooks } from '../../src/modules/channels';
import { cloudApiMediaSource, type MediaSource } from '../../src/modules/channels/whatsapp/download-media';
import { approvedPromo, broadcastsApi, promoVariables } from '../broadcasts/broadcast-fixtures';
import { addMember, type Member } from '../harness/members';
import { apiOf, FILES } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let agent: Member;
/** While set, a customer's file waits here before it downloads (a photo still arriving). */
let holdDownloads: { started: () => void; release: Promise<void> } | null = null;

function holdingSource(channel: Parameters<typeof cloudApiMediaSource>[0]): MediaSource {
  const real = cloudApiMediaSource(channel);
  return {
    getMedia: (mediaId) => real.getMedia(mediaId),
    async downloadMedia(url, opts) {
      const hold = holdDownloads;
      if (hold) {
        hold.started();
        await hold.release;
      }
      return real.downloadMedia(url, opts);
    },
  };
}

/** While set, the first send to this WhatsApp id waits here, on its way to Meta. */
let holdSend: { waId: string; started: () => void; release: Promise<void>; answered: () => void } | null =
  null;

const graphFetch: typeof fetch = async (input, init) => {
  const hold = holdSend;
  const body = typeof init?.body === 'string' ? init.body : '';
  const to = body.startsWith('{') ? String((JSON.parse(body) as { to?: string }).to ?? '') : '';
  if (!hold || to.replace(/\D/g, '') !== hold.waId) return fetch(input, init);
  holdSend = null;
  hold.started();
  await hold.release;
  const res = await fetch(input, init);
  hold.answered();
  return res;
};

beforeAll(async () => {
  t = await createTestApp({ mediaSourceFor: holdingSource, graphFetch });
  agent = await addMember(t, 'agent', 'Carla Agent');
});
afterAll(() => t?.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, cookie = t.cookie) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

/** Every send the simulated Meta accepted from the sandbox number, by recipient. */
async function sendsTo(waId: string): Promise<number> {
  const res = await fetch(`${t.simulatorUrl}/_sim/sends?phoneNumberId=${t.sandbox.phoneNumberId}`);
  const { items } = (await res.json()) as { items: { body: { to?: string } }[] };
  return items.filter((i) => i.body.to?.replace(/\D/g, '') === waId).length;
}

interface Customer {
  waId: string;
  contactId: string;
  conversationId: string;
  photo: Buffer;
  mediaId: string;
}

/**
 * A customer who wrote, sent a photo (downloaded by Charla), has a note, a label, an attribute,
 * a tag and opted in: something of every kind Charla keeps about a person.
 */
async function customerWithHistory(waId: string, name: string): Promise<Customer> {
  const photo = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(3000)]);
  t.simulator.sendAsCustomer({
    phoneNumberId: t.sandbox.phoneNumberId,
    waId,
    name,
    text: 'Hola, ¿tenéis talla 42?',
  });
  t.simulator.sendAsCustomer({
    phoneNumberId: t.sandbox.phoneNumberId,
    waId,
    name,
    message: { type: 'image', image: { caption: 'Esta' } },
    media: { base64: photo.toString('base64'), mimeType: 'image/png' },
  });
  const { conversationId, mediaId } = await t.waitFor(async () => {
    const list = (await call('GET', '/api/conversations')).json();
    const conv = list.items.find((c: { contact: { waId: string } }) => c.contact.waId === waId);
    if (!conv) return null;
    const thread: Thread = (await call('GET', `/api/conversations/${conv.id}`)).json();
    const media = thread.messages
      .map((m) => (m.content as { media?: { id: string; state: string } }).media)
      .find((m) => m?.state === 'ready');
    return thread.messages.length >= 2 && media
      ? { conversationId: conv.id as string, mediaId: media.id }
      : null;
  }, 'the text and the photo');
  const [row] = await t.container.db.query<{ contact_id: string }>(
    'SELECT contact_id FROM conversations WHERE id = $1',
    [conversationId],
  );
  const contactId = row!.contact_id;
  expect(
    (await call('POST', `/api/conversations/${conversationId}/notes`, { body: `Cliente fiel: ${name}` }))
      .statusCode,
  ).toBe(201);
  await call('POST', '/api/contacts/attributes', { key: 'talla', label: 'Talla', type: 'text' });
  const label = await call('POST', '/api/labels', { name: `Pedido ${waId.slice(-4)}`, color: 'blue' });
  expect(label.statusCode, label.body).toBe(201);
  expect(
    (await call('PUT', `/api/conversations/${conversationId}/labels/${label.json().id}`)).statusCode,
  ).toBe(200);
  const patch = await call('PATCH', `/api/contacts/${contactId}`, {
    attributes: { talla: '42' },
    tags: ['vip'],
    optIn: 'opted_in',
  });
  expect(patch.statusCode, patch.body).toBe(200);
  return { waId, contactId, conversationId, photo, mediaId };
}

const auditText = async () =>
  (await t.container.db.query<{ row: string }>('SELECT audit_log::text AS row FROM audit_log'))
    .map((r) => r.row)
    .join('\n');

describe('exporting everything stored about a contact', () => {
  it('gives the owner a zip with the whole history as JSON and the exact bytes of their files', async () => {
    const c = await customerWithHistory('34611000001', 'Lucía Gómez');
    const res = await call('GET', `/api/contacts/${c.contactId}/export`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="contact-.*\.zip"/);

    const files = unzipSync(new Uint8Array(res.rawPayload));
    const doc = JSON.parse(new TextDecoder().decode(files['contact.json']));
    expect(doc.contact).toMatchObject({ wa_id: c.waId, phone: '+34611000001', tags: ['vip'] });
    expect(doc.contact.attributes).toEqual([{ key: 'talla', label: 'Talla', value: '42' }]);
    expect(doc.consent.now).toMatchObject({ state: 'opted_in', source: 'agent' });
    expect(Array.isArray(doc.consent.changes)).toBe(true);
    const [conv] = doc.conversations;
    expect(conv.labels).toEqual(['Pedido 0001']);
    expect(conv.notes.map((n: { body: string }) => n.body)).toEqual(['Cliente fiel: Lucía Gómez']);
    expect(conv.messages.map((m: { text: string | null }) => m.text)).toContain('Hola, ¿tenéis talla 42?');
    const withFile = conv.messages.find((m: { files: unknown[] }) => m.files.length > 0);
    const path = withFile.files[0].inThisZip;
    expect(path).toMatch(new RegExp(`^media/${c.mediaId}-`));
    expect(Buffer.from(files[path]!).equals(c.photo)).toBe(true);

    const [line] = (await call('GET', '/api/audit-log?action=contact.exported')).json().items;
    expect(line).toMatchObject({ target: { type: 'contact', id: c.contactId }, details: { files: 1 } });
  });

  it('is not for agents (403), and 404 for a contact of nobody', async () => {
    const [any] = await t.container.db.query<{ id: string }>('SELECT id FROM contacts LIMIT 1');
    expect((await call('GET', `/api/contacts/${any!.id}/export`, undefined, agent.cookie)).statusCode).toBe(
      403,
    );
    const none = await call('GET', '/api/contacts/00000000-0000-4000-8000-000000000000/export');
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('contact_not_found');
  });
});

describe('erasing a contact', () => {
  it('asks for the phone number or the name typed back, and erases nothing otherwise', async () => {
    const c = await customerWithHistory('34611000002', 'Marta Ruiz');
    const wrong = await call('POST', `/api/contacts/${c.contactId}/erase`, { confirm: 'Marta' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({
      code: 'confirmation_mismatch',
      fields: [{ path: 'confirm' }],
    });
    const asAgent = await call(
      'POST',
      `/api/contacts/${c.contactId}/erase`,
      { confirm: 'Marta Ruiz' },
      agent.cookie,
    );
    expect(asAgent.statusCode).toBe(403);
    expect((await call('GET', `/api/contacts/${c.contactId}`)).statusCode).toBe(200);
    const ok = await call('POST', `/api/contacts/${c.contactId}/erase`, { confirm: '  marta ruiz ' });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('leaves no message, file, note, attribute or webhook body of theirs, and keeps the broadcast counts', async () => {
    const c = await customerWithHistory('34611000003', 'Pedro Sánchez');
    // An agent attached a file to Pedro's conversation and never sent it.
    const upload = await apiOf(t).upload(c.conversationId, FILES.pdf, 'presupuesto.pdf');
    expect(upload.status).toBe(201);
    const unsentId = upload.body.id;
    const other = await customerWithHistory('34611000004', 'Rosa Díaz');
    const template = await approvedPromo(t);
    const api = broadcastsApi(t);
    const created = await api.create({
      name: 'Rebajas',
      channelId: t.sandbox.id,
      templateId: template.id,
      audience: { kind: 'filters', filters: { tags: ['vip'] } },
      variables: promoVariables(),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    // Delivered to everyone, and each had written within the reply window: every step counts them.
    const before: Broadcast = await api.until(
      id,
      (b) => b.status === 'completed' && b.counts.delivered === b.counts.total,
      'delivered',
    );
    expect(before.counts.delivered).toBeGreaterThanOrEqual(2);
    const storedKey = `${(await t.container.db.query<{ workspace_id: string }>('SELECT workspace_id FROM media WHERE id = $1', [c.mediaId]))[0]!.workspace_id}/${c.mediaId}`;
    expect(await t.container.inbox.media.get(storedKey)).not.toBeNull();

    // Every webhook so far applied (Meta may still send statuses of old messages later).
    await t.waitFor(async () => !(await hasPendingWebhooks(t.container.db)), 'the webhooks to be applied');
    const [{ last }] = (await t.container.db.query<{ last: string }>(
      'SELECT max(id)::text AS last FROM webhook_events',
    )) as [{ last: string }];
    const res = await call('POST', `/api/contacts/${c.contactId}/erase`, { confirm: '+34 611 000 003' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ conversations: 1, files: 2, broadcastRecipients: 1 });
    expect(res.json().messages).toBe(3); // the text, the photo and the promotion

    const q = t.container.db.query;
    expect((await call('GET', `/api/contacts/${c.contactId}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/conversations/${c.conversationId}`)).statusCode).toBe(404);
    expect(await q('SELECT 1 FROM messages WHERE conversation_id = $1', [c.conversationId])).toEqual([]);
    expect(
      await q('SELECT 1 FROM conversation_notes WHERE conversation_id = $1', [c.conversationId]),
    ).toEqual([]);
    expect(await q('SELECT 1 FROM media WHERE id = ANY($1::uuid[])', [[c.mediaId, unsentId]])).toEqual([]);
    expect(await t.container.inbox.media.get(storedKey)).toBeNull();
    expect(await q('SELECT 1 FROM contacts WHERE id = $1 OR wa_id = $2', [c.contactId, c.waId])).toEqual([]);
    expect(
      await q('SELECT 1 FROM webhook_events WHERE id <= $2 AND position($1 IN raw_body) > 0', [c.waId, last]),
    ).toEqual([]);
    const rows = await q<{ wa_id: string; values: unknown }>(
      'SELECT wa_id, values FROM broadcast_recipients WHERE broadcast_id = $1 ORDER BY id',
      [id],
    );
    const waIds = rows.map((r) => r.wa_id);
    expect(waIds).toContain('');
    expect(waIds).toContain(other.waId);
    expect(waIds).not.toContain(c.waId);
    expect(JSON.stringify(rows)).not.toContain('Pedro');

    const after: Broadcast = await api.get(id);
    expect(after.counts).toEqual(before.counts);

    // Rosa is untouched.
    expect((await call('GET', `/api/conversations/${other.conversationId}`)).statusCode).toBe(200);

    const [line] = (await call('GET', '/api/audit-log?action=contact.erased')).json().items;
    expect(line).toMatchObject({ target: { type: 'contact', id: c.contactId, label: null } });
    const everything = await auditText();
    for (const trace of [c.waId, '611 000 003', 'Pedro', 'Sánchez']) expect(everything).not.toContain(trace);
  });

  it('keeps no file of theirs that was still downloading when they were erased', async () => {
    let started!: () => void;
    const downloading = new Promise<void>((r) => {
      started = r;
    });
    let release!: () => void;
    holdDownloads = {
      started,
      release: new Promise<void>((r) => {
        release = r;
      }),
    };
    const waId = '34611000009';
    t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId,
      name: 'Eva Mora',
      message: { type: 'image', image: {} },
      media: {
        base64: Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(500)]).toString('base64'),
        mimeType: 'image/png',
      },
    });
    await downloading;
    const [file] = await t.container.db.query<{ id: string; workspace_id: string; contact_id: string }>(
      `SELECT f.id, f.workspace_id, cv.contact_id FROM media f JOIN messages m ON m.id = f.message_id
         JOIN conversations cv ON cv.id = m.conversation_id JOIN contacts c ON c.id = cv.contact_id
        WHERE c.wa_id = $1`,
      [waId],
    );
    const key = `${file!.workspace_id}/${file!.id}`;
    const storage = t.container.inbox.media;
    const erase = await call('POST', `/api/contacts/${file!.contact_id}/erase`, { confirm: waId });
    expect(erase.statusCode, erase.body).toBe(200);
    let deletedYet = false;
    // From here on, the only one to delete the file is the download that finishes after the erase.
    const original = storage.delete.bind(storage);
    storage.delete = async (k) => {
      await original(k);
      if (k === key) {
        storage.delete = original;
        deletedYet = true;
      }
    };
    holdDownloads = null;
    release();
    await t.waitFor(
      async () => deletedYet && (await storage.get(key)) === null,
      'the late download to leave nothing',
    );
  });

  it('sends nothing more to them: replies queued in the outbox are dropped, the other customers still get theirs', async () => {
    const c = await customerWithHistory('34611000005', 'Iván López');
    const other = await customerWithHistory('34611000006', 'Sara Gil');
    await t.container.outbox.stop();
    const queued = await call('POST', `/api/conversations/${c.conversationId}/messages`, {
      text: 'Te lo envío hoy',
    });
    expect(queued.statusCode, queued.body).toBe(202);
    const erase = await call('POST', `/api/contacts/${c.contactId}/erase`, { confirm: 'Iván López' });
    expect(erase.statusCode, erase.body).toBe(200);
    await t.container.outbox.start();
    const later = await call('POST', `/api/conversations/${other.conversationId}/messages`, {
      text: 'Y a ti mañana',
    });
    expect(later.statusCode).toBe(202);
    await t.waitFor(async () => (await sendsTo(other.waId)) > 0, "Sara's reply to leave");
    expect(await sendsTo(c.waId)).toBe(0);
  });

  it('drops the replies to them the outbox had already claimed, once the one on its way is answered', async () => {
    const c = await customerWithHistory('34611000007', 'Nico Vidal');
    const other = await customerWithHistory('34611000008', 'Olga Paz');
    let started!: () => void;
    let answered!: () => void;
    let release!: () => void;
    const onItsWay = new Promise<void>((r) => {
      started = r;
    });
    const answer = new Promise<void>((r) => {
      answered = r;
    });
    holdSend = {
      waId: c.waId,
      started,
      answered,
      release: new Promise<void>((r) => {
        release = r;
      }),
    };
    const send = (text: string) => call('POST', `/api/conversations/${c.conversationId}/messages`, { text });
    expect((await send('Uno')).statusCode).toBe(202);
    await onItsWay;
    // The first is on its way to WhatsApp; the next two wait behind it in the number's drain.
    expect((await send('Dos')).statusCode).toBe(202);
    expect((await send('Tres')).statusCode).toBe(202);
    await t.waitFor(async () => {
      const rows = await t.container.db.query(
        `SELECT 1 FROM outbox_items WHERE conversation_id = $1 AND state = 'sending'`,
        [c.conversationId],
      );
      return rows.length === 3;
    }, 'the three replies to be claimed');
    const erase = await call('POST', `/api/contacts/${c.contactId}/erase`, { confirm: c.waId });
    expect(erase.statusCode, erase.body).toBe(200);
    release();
    await answer;
    // A reply to someone else, queued after: once it has left, Nico's two would have gone before it.
    const later = await call('POST', `/api/conversations/${other.conversationId}/messages`, {
      text: 'Hola Olga',
    });
    expect(later.statusCode).toBe(202);
    await t.waitFor(async () => (await sendsTo(other.waId)) > 0, "Olga's reply to leave");
    // The one already on its way could not be recalled; the others never left.
    expect(await sendsTo(c.waId)).toBe(1);
  });

  it('is safe while a broadcast to them is sending: theirs is skipped, the rest are sent', async () => {
    const waIds = Array.from({ length: 8 }, (_, i) => `3462200000${i}`);
    for (const [i, waId] of waIds.entries()) {
      t.simulator.sendAsCustomer({
        phoneNumberId: t.sandbox.phoneNumberId,
        waId,
        name: `Cliente ${i}`,
        text: 'Hola',
      });
    }
    await t.waitFor(async () => {
      const rows = await t.container.db.query('SELECT 1 FROM contacts WHERE wa_id = ANY($1::text[])', [
        waIds,
      ]);
      return rows.length === waIds.length;
    }, 'the eight contacts');
    await t.container.db.query(`UPDATE contacts SET tags = ARRAY['lento'] WHERE wa_id = ANY($1::text[])`, [
      waIds,
    ]);
    expect(
      (await call('PUT', `/api/broadcasts/channels/${t.sandbox.id}/rate`, { ratePerSecond: 2 })).statusCode,
    ).toBe(200);
    const template = await approvedPromo(t);
    const api = broadcastsApi(t);
    const created = await api.create({
      name: 'Despacio',
      channelId: t.sandbox.id,
      templateId: template.id,
      audience: { kind: 'filters', filters: { tags: ['lento'] } },
      variables: promoVariables(),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    await api.until(id, (b) => b.counts.sent >= 1, 'the first send');
    const [next] = await t.container.db.query<{ contact_id: string; wa_id: string }>(
      `SELECT contact_id, wa_id FROM broadcast_recipients
        WHERE broadcast_id = $1 AND state IN ('queued', 'sending') AND wamid IS NULL ORDER BY id DESC LIMIT 1`,
      [id],
    );
    expect(next).toBeDefined();
    const erase = await call('POST', `/api/contacts/${next!.contact_id}/erase`, { confirm: next!.wa_id });
    expect(erase.statusCode, erase.body).toBe(200);

    const done = await api.until(
      id,
      (b) => b.status === 'completed',
      'the broadcast to complete',
      30_000,
      200,
    );
    expect(done.counts).toMatchObject({ total: 8, sent: 7, skipped: 1, failed: 0 });
    expect(await sendsTo(next!.wa_id)).toBe(0);
    await call('PUT', `/api/broadcasts/channels/${t.sandbox.id}/rate`, { ratePerSecond: 80 });
  }, 60_000);
});
