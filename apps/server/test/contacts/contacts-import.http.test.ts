import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/modules/contacts/csv';
import { addMember } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (const def of [
    { key: 'birthday', label: 'Cumpleaños', type: 'date' },
    { key: 'plan', label: 'Plan', type: 'list', options: ['Básico', 'Pro'] },
  ]) {
    await t.app.inject({
      method: 'POST',
      url: '/api/contacts/attributes',
      headers: { cookie: t.cookie },
      payload: def,
    });
  }
});
afterAll(() => t?.close());

const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });

// Excel in Spanish: `;` separator, BOM, CRLF, a quoted name with `;` and escaped quotes.
const FILE = [
  '\uFEFFTeléfono;Nombre;Etiquetas;Cumpleaños;Plan;Acepta',
  '612 34 56 78;Ana García;vip, madrid;17/05/1990;pro;sí',
  '+34 622 000 111;"Luis ""Lucho"" Pérez; hijo";;1985-01-31;Básico;',
  '+52 55 1234 5678;Marta (MX);cdmx;;;no',
  '+52 1 33 1234 5678;Jorge GDL;;;;',
  '0034612345678;Ana otra vez;;;;',
  '12345;Número malo;;;;',
  '623 45 67 89;Fecha mala;;31/02/2020;;',
  ';Sin teléfono;;;;',
  '634 56 78 90;Plan malo;;;Gold;',
  '645 67 89 01;Acepta rara;;;;quizá',
].join('\r\n');

const MAPPING = {
  mapping: {
    phone: 'Teléfono',
    name: 'Nombre',
    tags: 'Etiquetas',
    optIn: 'Acepta',
    attributes: { Cumpleaños: 'birthday', Plan: 'plan' },
  },
  defaultCountry: 'es',
};

async function importFile(csv: string, mapping = MAPPING, contentType = 'text/csv') {
  const preview = await t.app.inject({
    method: 'POST',
    url: '/api/contacts/imports',
    headers: { cookie: t.cookie, 'content-type': contentType, 'x-filename': 'clientes.csv' },
    payload: csv,
  });
  expect(preview.statusCode).toBe(201);
  const started = await api('POST', `/api/contacts/imports/${preview.json().id}/start`, mapping);
  expect(started.statusCode).toBe(202);
  return t.waitFor(async () => {
    const job = (await api('GET', `/api/contacts/imports/${preview.json().id}`)).json();
    return job.status === 'done' && job;
  }, 'the import to finish');
}

describe('CSV import', () => {
  it('previews the columns and first rows', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/contacts/imports',
      headers: { cookie: t.cookie, 'content-type': 'text/csv' },
      payload: FILE,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'previewed',
      columns: ['Teléfono', 'Nombre', 'Etiquetas', 'Cumpleaños', 'Plan', 'Acepta'],
      totalRows: 10,
      processedRows: 0,
    });
    expect(res.json().sampleRows).toHaveLength(5);
    expect(res.json().sampleRows[1]).toEqual([
      '+34 622 000 111',
      'Luis "Lucho" Pérez; hijo',
      '',
      '1985-01-31',
      'Básico',
      '',
    ]);
  });

  it('takes a multipart upload too', async () => {
    const boundary = '----charla';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\nphone,name\r\n+34612345678,Ana\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/contacts/imports',
      headers: { cookie: t.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ filename: 'c.csv', columns: ['phone', 'name'], totalRows: 1 });
  });

  it('refuses a mapping naming unknown columns or attributes', async () => {
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/contacts/imports',
      headers: { cookie: t.cookie, 'content-type': 'text/csv' },
      payload: 'phone,extra\n+34612345678,x\n',
    });
    const res = await api('POST', `/api/contacts/imports/${preview.json().id}/start`, {
      mapping: { phone: 'tel', attributes: { extra: 'shoe_size' } },
      defaultCountry: 'ES',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('invalid_mapping');
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'mapping.phone',
      'mapping.attributes.extra',
    ]);
  });

  it('imports good rows, reports every bad one with its line and reason, and re-imports without duplicates', async () => {
    // Marta wrote first (WhatsApp id with Mexico's old 1): the import must find her, not duplicate her.
    await t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId: '5215512345678',
      name: 'Marta',
      text: 'Hola',
    });
    await t.waitFor(
      async () => (await api('GET', '/api/contacts')).json().total === 1,
      'the customer contact',
    );

    const job = await importFile(FILE);
    expect(job).toMatchObject({
      totalRows: 10,
      processedRows: 10,
      createdCount: 3,
      updatedCount: 1,
      rejectedCount: 6,
      filename: 'clientes.csv',
    });
    expect(
      job.rejected.map((r: { line: number; code: string; field: string | null }) => [
        r.line,
        r.code,
        r.field,
      ]),
    ).toEqual([
      [6, 'duplicate_in_file', 'Teléfono'],
      [7, 'invalid_phone', 'Teléfono'],
      [8, 'invalid_value', 'Cumpleaños'],
      [9, 'missing_phone', 'Teléfono'],
      [10, 'invalid_value', 'Plan'],
      [11, 'invalid_value', 'Acepta'],
    ]);
    expect(job.rejected[0].reason).toBe('+34612345678 already appears on line 2');
    expect(job.rejected[1].reason).toMatch(/"12345" is not a valid phone number/);
    expect(job.rejected[2].reason).toBe('Cumpleaños: "31/02/2020" must be a date (YYYY-MM-DD)');
    // What the web needs to say the same in Spanish.
    expect(job.rejected.map((r: { params?: unknown }) => r.params)).toEqual([
      { firstLine: 2 },
      { country: expect.any(String) },
      { attribute: 'Cumpleaños', expected: 'date' },
      undefined,
      { attribute: 'Plan', expected: 'list', options: expect.any(Array) },
      { expected: 'yes_no' },
    ]);

    const contacts = (await api('GET', '/api/contacts')).json();
    expect(contacts.total).toBe(4);
    const byPhone = Object.fromEntries(contacts.items.map((c: { phone: string }) => [c.phone, c]));
    expect(byPhone['+34612345678']).toMatchObject({
      name: 'Ana García',
      waId: '34612345678',
      tags: ['vip', 'madrid'],
      attributes: { birthday: '1990-05-17', plan: 'Pro' },
      optIn: { state: 'opted_in', source: 'import' },
    });
    expect(byPhone['+34622000111']).toMatchObject({
      name: 'Luis "Lucho" Pérez; hijo',
      attributes: { birthday: '1985-01-31', plan: 'Básico' },
      optIn: { state: 'unknown', source: null },
    });
    expect(byPhone['+525512345678']).toMatchObject({
      name: 'Marta (MX)',
      waId: '5215512345678',
      profileName: 'Marta',
      tags: ['cdmx'],
      optIn: { state: 'opted_out', source: 'import' },
    });
    expect(byPhone['+523312345678']).toMatchObject({ name: 'Jorge GDL', waId: '523312345678' });

    // Mexican numbers without + read with Mexico as the default country.
    const mx = await importFile('tel,nombre\n55 1234 5678,Marta\n(81) 1234-5678,Nuevo León\n', {
      mapping: { phone: 'tel', name: 'nombre', attributes: {} },
      defaultCountry: 'MX',
    } as never);
    expect(mx).toMatchObject({ createdCount: 1, updatedCount: 1, rejectedCount: 0 });
    expect((await api('GET', '/api/contacts?q=Nuevo')).json().items[0].phone).toBe('+528112345678');

    const again = await importFile(FILE);
    expect(again).toMatchObject({ createdCount: 0, updatedCount: 4, rejectedCount: 6 });
    const after = (await api('GET', '/api/contacts')).json();
    expect(after.total).toBe(5);
    expect(after.items.find((c: { phone: string }) => c.phone === '+34612345678').tags).toEqual([
      'vip',
      'madrid',
    ]);
  });

  it('exports every contact with its tags and attributes, and the export imports back without duplicates', async () => {
    const res = await api('GET', '/api/contacts/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(res.body).rows.map((r) => r.fields);
    expect(header).toEqual([
      'phone',
      'wa_id',
      'name',
      'profile_name',
      'tags',
      'opt_in',
      'opt_in_source',
      'opt_in_at',
      'notes',
      'created_at',
      'birthday',
      'plan',
    ]);
    expect(rows).toHaveLength(5);
    const ana = rows.find((r) => r[0] === '+34612345678');
    expect(ana?.slice(2, 6)).toEqual(['Ana García', '', 'vip, madrid', 'opted_in']);
    expect(ana?.slice(10)).toEqual(['1990-05-17', 'Pro']);

    const back = await importFile(res.body, {
      mapping: {
        phone: 'phone',
        name: 'name',
        tags: 'tags',
        attributes: { birthday: 'birthday', plan: 'plan' },
      },
      defaultCountry: 'MX',
    } as never);
    expect(back).toMatchObject({ createdCount: 0, updatedCount: 5, rejectedCount: 0 });
    expect((await api('GET', '/api/contacts')).json().total).toBe(5);
  });
});

describe('attributes made from unmapped columns', () => {
  const CITY_FILE = [
    'Teléfono;Ciudad;Puntos;Nivel',
    '611 11 11 11;Sevilla;120;Oro',
    '622 22 22 22;Bilbao;muchos;Plata',
  ].join('\r\n');
  const upload = async (csv: string) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/contacts/imports',
        headers: { cookie: t.cookie, 'content-type': 'text/csv' },
        payload: csv,
      })
    ).json().id as string;
  const attributeKeys = async () =>
    (await api('GET', '/api/contacts/attributes')).json().items.map((d: { key: string }) => d.key);

  it('refuses invalid new attributes with 422 naming the column, and creates none of them', async () => {
    const id = await upload(CITY_FILE);
    const res = await api('POST', `/api/contacts/imports/${id}/start`, {
      mapping: { phone: 'Teléfono', attributes: {} },
      newAttributes: [
        { column: 'Ciudad', key: 'ciudad', label: 'Ciudad', type: 'text' },
        { column: 'Puntos', key: 'Puntos!', label: 'Puntos', type: 'number' },
        { column: 'Nivel', key: 'nivel', label: 'Nivel', type: 'list' },
        { column: 'Teléfono', key: 'tel', label: 'Tel', type: 'text' },
        { column: 'Región', key: 'region', label: 'Región', type: 'text' },
        { column: 'Ciudad', key: 'birthday', label: 'Otra', type: 'text' },
      ],
      defaultCountry: 'ES',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('invalid_new_attribute');
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'newAttributes.Puntos',
      'newAttributes.Nivel',
      'newAttributes.Teléfono',
      'newAttributes.Región',
      'newAttributes.Ciudad',
    ]);
    expect(res.json().error.message).toContain('column "Nivel": a list attribute needs its options');
    // The valid one (Ciudad) was not created either, and the import can still start.
    expect(await attributeKeys()).not.toContain('ciudad');
    expect((await api('GET', `/api/contacts/imports/${id}`)).json().status).toBe('previewed');

    const clash = await api('POST', `/api/contacts/imports/${id}/start`, {
      mapping: { phone: 'Teléfono', attributes: {} },
      newAttributes: [{ column: 'Ciudad', key: 'birthday', label: 'Ciudad', type: 'text' }],
      defaultCountry: 'ES',
    });
    expect(clash.statusCode).toBe(422);
    expect(clash.json().error.message).toBe(
      'A new attribute is not valid: column "Ciudad": an attribute with the key "birthday" exists',
    );
  });

  it('needs the role that creates attributes', async () => {
    const agent = await addMember(t, 'agent', 'Agente Import');
    const id = await upload(CITY_FILE);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/contacts/imports/${id}/start`,
      headers: { cookie: agent.cookie },
      payload: {
        mapping: { phone: 'Teléfono', attributes: {} },
        newAttributes: [{ column: 'Ciudad', key: 'ciudad', label: 'Ciudad', type: 'text' }],
        defaultCountry: 'ES',
      },
    });
    expect(res.statusCode).toBe(403);
    expect(await attributeKeys()).not.toContain('ciudad');
  });

  it('creates them when the import starts, maps their columns and checks values by their type', async () => {
    const id = await upload(CITY_FILE);
    const started = await api('POST', `/api/contacts/imports/${id}/start`, {
      mapping: { phone: 'Teléfono', attributes: {} },
      newAttributes: [
        { column: 'Ciudad', key: 'ciudad', label: 'Ciudad', type: 'text' },
        { column: 'Puntos', key: 'puntos', label: 'Puntos', type: 'number' },
        { column: 'Nivel', key: 'nivel', label: 'Nivel', type: 'list', options: ['Oro', 'Plata', 'Oro'] },
      ],
      defaultCountry: 'ES',
    });
    expect(started.statusCode).toBe(202);
    const defs = (await api('GET', '/api/contacts/attributes')).json().items;
    expect(defs.filter((d: { key: string }) => ['ciudad', 'puntos', 'nivel'].includes(d.key))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'ciudad', label: 'Ciudad', type: 'text', options: null }),
        expect.objectContaining({ key: 'puntos', label: 'Puntos', type: 'number', options: null }),
        expect.objectContaining({ key: 'nivel', label: 'Nivel', type: 'list', options: ['Oro', 'Plata'] }),
      ]),
    );
    expect(defs).toHaveLength(5);
    const job = await t.waitFor(async () => {
      const j = (await api('GET', `/api/contacts/imports/${id}`)).json();
      return j.status === 'done' && j;
    }, 'the import to finish');
    expect(job).toMatchObject({ createdCount: 1, rejectedCount: 1 });
    expect(job.rejected[0]).toMatchObject({
      line: 3,
      code: 'invalid_value',
      field: 'Puntos',
      value: 'muchos',
      params: { attribute: 'Puntos', expected: 'number' },
    });
    const sevilla = (await api('GET', '/api/contacts?q=611111111')).json().items[0];
    expect(sevilla.attributes).toEqual({ ciudad: 'Sevilla', puntos: 120, nivel: 'Oro' });
  });

  it('refuses a row whose cells run past the header, naming its line', async () => {
    const id = await upload('phone,name\n+34633333333,Ana\n+34644444444,Pérez, Luis\n+34655555555,Eva,,\n');
    const started = await api('POST', `/api/contacts/imports/${id}/start`, {
      mapping: { phone: 'phone', name: 'name', attributes: {} },
      defaultCountry: 'ES',
    });
    expect(started.statusCode).toBe(202);
    const job = await t.waitFor(async () => {
      const j = (await api('GET', `/api/contacts/imports/${id}`)).json();
      return j.status === 'done' && j;
    }, 'the import to finish');
    expect(job).toMatchObject({ createdCount: 2, rejectedCount: 1 });
    expect(job.rejected[0]).toMatchObject({
      line: 3,
      code: 'extra_fields',
      value: 'Luis',
      params: { columns: 2, found: 3 },
    });
  });

  it('answers 422 naming the line of a quote that never closes', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/contacts/imports',
      headers: { cookie: t.cookie, 'content-type': 'text/csv' },
      payload: 'phone,name\n+34633333333,Ana\n+34644444444,"Luis\n+34655555555,Eva\n',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'csv_malformed' });
    expect(res.json().error.message).toContain('line 3');
  });
});
