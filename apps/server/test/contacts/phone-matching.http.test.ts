import type { Contact } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedPromo,
  broadcastsApi,
  promoVariables,
  templateSends,
} from '../broadcasts/broadcast-fixtures';
import { changeWebhook, inboundTextWebhook } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

// One customer, one contact: the number WhatsApp reports (`wa_id`) and the number people type
// are one person across Mexico's 521, Argentina's 549 / 15 and Brazil's ninth digit.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { BROADCAST_DEFAULT_RATE_PER_SECOND: '1000' } });
}, 60_000);
afterAll(() => t?.close());

const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });

type Conversation = { id: string; contact: { id: string; waId: string | null; name: string | null } };

async function allContacts(): Promise<Contact[]> {
  const res = await api('GET', '/api/contacts?limit=200');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function conversations(): Promise<Conversation[]> {
  return (await api('GET', '/api/conversations')).json().items;
}

/** Contacts whose number or WhatsApp id ends with these 8 digits (all forms of one line do). */
const contactsEnding = async (last8: string) =>
  (await allContacts()).filter((c) => c.waId?.endsWith(last8) || c.phone?.endsWith(last8));

async function customerWrites(waId: string, text: string, name = 'Cliente'): Promise<Conversation> {
  const res = await t.postWebhook(
    inboundTextWebhook({ phoneNumberId: t.sandbox.phoneNumberId, from: waId, name, text }),
  );
  expect(res.statusCode).toBe(200);
  return t.waitFor(async () => {
    for (const c of await conversations()) {
      if (c.contact.waId !== waId) continue;
      const thread = (await api('GET', `/api/conversations/${c.id}`)).json();
      if (JSON.stringify(thread).includes(text)) return c;
    }
    return null;
  }, `the message from ${waId} to be in the inbox`);
}

async function importCsv(csv: string, defaultCountry: string) {
  const preview = await t.app.inject({
    method: 'POST',
    url: '/api/contacts/imports',
    headers: { cookie: t.cookie, 'content-type': 'text/csv' },
    payload: csv,
  });
  expect(preview.statusCode, preview.body).toBe(201);
  const started = await api('POST', `/api/contacts/imports/${preview.json().id}/start`, {
    mapping: { phone: 'Teléfono', name: 'Nombre', tags: 'Etiquetas', attributes: {} },
    defaultCountry,
  });
  expect(started.statusCode, started.body).toBe(202);
  return t.waitFor(async () => {
    const job = (await api('GET', `/api/contacts/imports/${preview.json().id}`)).json();
    return job.status === 'done' && job;
  }, 'the import to finish');
}

describe('a customer writes first, then an import names the number as people type it', () => {
  it.each([
    ['Mexico', '5215512345678', '+52 55 1234 5678', 'MX', '+525512345678'],
    ['Mexico, national with the old 044', '5215533334444', '044 55 3333 4444', 'MX', '+525533334444'],
    ['Argentina, with the 15', '5491122334455', '011 15 2233-4455', 'AR', '+5491122334455'],
    ['Argentina, without the 9', '5491145556666', '+54 11 4555-6666', 'ES', '+541145556666'],
    [
      'Brazil, old account without the ninth digit',
      '551187654321',
      '(11) 98765-4321',
      'BR',
      '+5511987654321',
    ],
    ['Brazil, typed without the ninth digit', '5521966778899', '+55 21 6677-8899', 'ES', '+5521966778899'],
  ])('%s: wa_id %s and "%s" are one contact, updated by the file', async (_, waId, typed, country, phone) => {
    const conversation = await customerWrites(waId, `hola desde ${waId}`);
    const job = await importCsv(
      `Teléfono,Nombre,Etiquetas\n"${typed}",Cliente del archivo ${waId},importado\n`,
      country,
    );
    expect(job).toMatchObject({ createdCount: 0, updatedCount: 1, rejectedCount: 0 });
    const found = await contactsEnding(waId.slice(-8));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: conversation.contact.id,
      waId,
      name: `Cliente del archivo ${waId}`,
      tags: ['importado'],
    });
    expect(found[0]!.phone?.replace(/\D/g, '').slice(-8)).toBe(phone.slice(-8));
  });

  it("shows a customer writing from an old Brazilian wa_id with today's number, ninth digit included", async () => {
    const conversation = await customerWrites('551187650000', 'oi, tudo bem?');
    expect(conversation.contact).toMatchObject({ waId: '551187650000', phone: '+5511987650000' });
  });
});

describe('a contact imported first, then the customer writes from the wa_id WhatsApp reports', () => {
  it.each([
    ['Mexico', '+52 33 2468 1357', 'MX', '5213324681357'],
    ['Argentina', '0351 15 123-4567', 'AR', '5493511234567'],
    ['Brazil', '+55 21 98765-1234', 'ES', '552187651234'],
  ])(
    '%s: "%s" (default %s) then wa_id %s make one contact and one conversation',
    async (_, typed, country, waId) => {
      const job = await importCsv(`Teléfono,Nombre,Etiquetas\n"${typed}",Importado ${waId},vip\n`, country);
      expect(job).toMatchObject({ createdCount: 1, rejectedCount: 0 });
      const [imported] = await contactsEnding(waId.slice(-8));
      expect(imported).toBeDefined();

      const conversation = await customerWrites(waId, `primer mensaje de ${waId}`, 'Nombre en WhatsApp');
      await customerWrites(waId, `segundo mensaje de ${waId}`, 'Nombre en WhatsApp');
      expect(conversation.contact.id).toBe(imported!.id);
      const found = await contactsEnding(waId.slice(-8));
      expect(found).toHaveLength(1);
      // The file's name and tags stay; replies go to the id WhatsApp uses.
      expect(found[0]).toMatchObject({ id: imported!.id, name: `Importado ${waId}`, tags: ['vip'], waId });
      const threads = (await conversations()).filter((c) => c.contact.id === imported!.id);
      expect(threads).toHaveLength(1);
    },
  );
});

describe('a broadcast CSV audience with the typed form', () => {
  it('reaches the contact WhatsApp reported instead of a copy of it', async () => {
    const template = await approvedPromo(t);
    const waId = '5215587654321';
    const conversation = await customerWrites(waId, 'quiero ofertas', 'Rosa');
    const before = (await allContacts()).length;

    const form = new FormData();
    form.append('defaultCountry', 'MX');
    form.append(
      'file',
      new Blob(['Teléfono,first_name\n55 8765 4321,Rosa\n'], { type: 'text/csv' }),
      'lista.csv',
    );
    const res = await fetch(`${t.baseUrl}/api/broadcasts/csv-audiences`, {
      method: 'POST',
      headers: { cookie: t.cookie, 'x-charla-request': '1' },
      body: form,
    });
    expect(res.status).toBe(201);
    const upload = (await res.json()) as { uploadId: string; valid: number };
    expect(upload.valid).toBe(1);

    const bapi = broadcastsApi(t);
    const preview = await bapi.call('POST', '/api/broadcasts/audience-preview', {
      channelId: t.sandbox.id,
      audience: { kind: 'csv', uploadId: upload.uploadId },
    });
    expect(preview.json()).toMatchObject({ total: 1, eligible: 1, duplicates: 0 });

    const created = await bapi.create({
      name: 'Ofertas CDMX',
      channelId: t.sandbox.id,
      templateId: template.id,
      audience: { kind: 'csv', uploadId: upload.uploadId },
      variables: promoVariables(),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    const done = await bapi.until(
      created.json().id,
      (b) => b.status === 'completed',
      'the broadcast to complete',
    );
    expect(done.counts).toMatchObject({ total: 1, sent: 1, failed: 0 });
    expect((await templateSends(t)).map((s) => s.to)).toContain(waId);
    expect(await allContacts()).toHaveLength(before);
    // The template shows in the customer's existing conversation.
    const thread = (await api('GET', `/api/conversations/${conversation.id}`)).json();
    expect(JSON.stringify(thread)).toContain('20% en toda la tienda');
  });
});

describe("WhatsApp's marketing stop for a number imported in its typed form", () => {
  it('opts out the imported contact instead of creating one for the wa_id', async () => {
    const job = await importCsv('Teléfono,Nombre,Etiquetas\n"+52 81 1357 2468",Norma,\n', 'ES');
    expect(job).toMatchObject({ createdCount: 1 });
    const [imported] = await contactsEnding('13572468');
    const waId = '5218113572468';
    const body = changeWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      wabaId: t.sandbox.wabaId,
      field: 'user_preferences',
      value: {
        contacts: [{ profile: { name: 'Norma' }, wa_id: waId }],
        user_preferences: [
          {
            wa_id: waId,
            category: 'marketing_messages',
            value: 'stop',
            timestamp: 1731705721,
            detail: 'stop',
          },
        ],
      },
    });
    expect((await t.postWebhook(body)).statusCode).toBe(200);
    const found = await t.waitFor(async () => {
      const all = await contactsEnding('13572468');
      return all.some((c) => c.optIn.state === 'opted_out') && all;
    }, 'the marketing stop to be applied');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: imported!.id, name: 'Norma', waId, optIn: { state: 'opted_out' } });
  });
});

describe('erasing a contact', () => {
  it('removes their line from CSV audiences written in another form of their number', async () => {
    // An old Brazilian account: WhatsApp's id lacks the ninth digit the file has.
    const conversation = await customerWrites('551187651111', 'apaguem meus dados', 'Joana');
    const form = new FormData();
    form.append('defaultCountry', 'BR');
    form.append(
      'file',
      new Blob(['phone,first_name\n(11) 98765-1111,Joana\n'], { type: 'text/csv' }),
      'l.csv',
    );
    const res = await fetch(`${t.baseUrl}/api/broadcasts/csv-audiences`, {
      method: 'POST',
      headers: { cookie: t.cookie, 'x-charla-request': '1' },
      body: form,
    });
    const { uploadId } = (await res.json()) as { uploadId: string };
    const preview = () =>
      broadcastsApi(t).call('POST', '/api/broadcasts/audience-preview', {
        channelId: t.sandbox.id,
        audience: { kind: 'csv', uploadId },
      });
    expect((await preview()).json().sample).toEqual([{ name: 'Joana', phone: '+5511987651111' }]);

    const erased = await api('POST', `/api/contacts/${conversation.contact.id}/erase`, { confirm: 'Joana' });
    expect(erased.statusCode, erased.body).toBe(200);
    expect((await preview()).json().sample).toEqual([]);
  });
});
