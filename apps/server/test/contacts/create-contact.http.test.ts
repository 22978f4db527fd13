import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  // The owner's browser is in Mexico City: the workspace proposes Mexico for phone numbers.
  t = await createTestApp({ setup: { timezone: 'America/Mexico_City' } });
});
afterAll(() => t?.close());

type Method = 'GET' | 'POST' | 'PATCH';
const api = (method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });

describe('workspace default country', () => {
  it('is proposed at setup from the time zone and shown to every member', async () => {
    expect((await api('GET', '/api/workspace/settings')).json().defaultCountry).toBe('MX');
    expect((await api('GET', '/api/me')).json().workspace.defaultCountry).toBe('MX');
  });

  it('is editable and must be a country', async () => {
    const bad = await api('PATCH', '/api/workspace/settings', { defaultCountry: 'ZZ' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'invalid_country', fields: [{ path: 'defaultCountry' }] });
    const ar = await api('PATCH', '/api/workspace/settings', { defaultCountry: 'ar' });
    expect(ar.json().defaultCountry).toBe('AR');
    // An Argentine mobile as people write it at home: trunk 0 and the 15.
    const created = await api('POST', '/api/contacts', { phone: '011 15 2345-6789', name: 'Lucía' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ phone: '+5491123456789', name: 'Lucía' });
    await api('PATCH', '/api/workspace/settings', { defaultCountry: 'MX' });
  });
});

describe('adding a contact by hand', () => {
  it('reads a national number in the default country and keeps tags, attributes and consent', async () => {
    await api('POST', '/api/contacts/attributes', { key: 'city', label: 'Ciudad', type: 'text' });
    const res = await api('POST', '/api/contacts', {
      phone: '55 1234 5678',
      name: 'Marta',
      tags: ['vip', 'vip', 'mayoreo'],
      attributes: { city: 'CDMX' },
      optIn: 'opted_in',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      phone: '+525512345678',
      waId: '525512345678',
      name: 'Marta',
      tags: ['vip', 'mayoreo'],
      attributes: { city: 'CDMX' },
      optIn: { state: 'opted_in', source: 'agent' },
      conversations: [],
    });
    const list = (await api('GET', '/api/contacts?q=Marta')).json();
    expect(list.items.map((c: { phone: string }) => c.phone)).toEqual(['+525512345678']);
  });

  it('answers 409 naming the contact when the number is known in another form (521 / 52)', async () => {
    const first = (await api('GET', '/api/contacts?q=Marta')).json().items[0];
    const dup = await api('POST', '/api/contacts', { phone: '+52 1 55 1234 5678', name: 'Otra Marta' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'contact_exists', details: { contactId: first.id } });
    // A customer who wrote first is known by the wa_id WhatsApp reported (with Mexico's 1).
    await t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId: '5215598765432',
      name: 'Jorge',
      text: 'Hola',
    });
    const jorge = await t.waitFor(
      async () => (await api('GET', '/api/contacts?q=Jorge')).json().items[0],
      'the customer who wrote',
    );
    const again = await api('POST', '/api/contacts', { phone: '55 9876 5432' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.contactId).toBe(jorge.id);
    expect((await api('GET', '/api/contacts')).json().total).toBe(3);
  });

  it('refuses a number that is not one, saying what is wrong', async () => {
    const short = await api('POST', '/api/contacts', { phone: '12345' });
    expect(short.statusCode).toBe(422);
    expect(short.json().error).toMatchObject({
      code: 'invalid_phone',
      fields: [{ path: 'phone', message: 'it has 5 digits; a phone number has at least 7' }],
      details: { problem: 'too_short', country: 'MX' },
    });
    const wrong = await api('POST', '/api/contacts', { phone: '12 3456 7890' });
    expect(wrong.json().error).toMatchObject({ code: 'invalid_phone', details: { problem: 'invalid' } });
    const letters = await api('POST', '/api/contacts', { phone: '55 CALL ME' });
    expect(letters.json().error.details.problem).toBe('letters');
    // An explicit country wins over the workspace's.
    const es = await api('POST', '/api/contacts', { phone: '612 345 678', country: 'ES' });
    expect(es.json().phone).toBe('+34612345678');
  });

  it('checks attributes like editing does', async () => {
    const res = await api('POST', '/api/contacts', {
      phone: '+34 699 111 222',
      attributes: { nope: 'x' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'invalid_attributes',
      fields: [{ path: 'attributes.nope', message: 'unknown attribute' }],
    });
    expect((await api('GET', '/api/contacts?q=699111222')).json().total).toBe(0);
  });

  it('needs the + when the workspace has no default country', async () => {
    await api('PATCH', '/api/workspace/settings', { defaultCountry: null });
    expect((await api('GET', '/api/me')).json().workspace.defaultCountry).toBeNull();
    const res = await api('POST', '/api/contacts', { phone: '55 2222 3333' });
    expect(res.json().error).toMatchObject({ code: 'invalid_phone', details: { problem: 'country' } });
    await api('PATCH', '/api/workspace/settings', { defaultCountry: 'MX' });
  });
});
