import type { ContactFilters } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactFilterSql } from '../../src/modules/contacts/contact-filter-sql';
import { normaliseContactFilters } from '../../src/modules/contacts/contact-filters';
import type { Database } from '../../src/platform/db/database';
import { createTestDatabase } from '../harness/test-db';

let db: Database;
let ws: string;
let otherWs: string;

const contacts = [
  {
    name: 'Ana',
    phone: '+34611111111',
    tags: ['vip'],
    opt: 'opted_in',
    attrs: { plan: 'Pro', orders: 12, birthday: '1990-05-01', active: true, city: 'Madrid' },
  },
  {
    name: 'Bea',
    phone: '+34622222222',
    tags: ['lead'],
    opt: 'unknown',
    attrs: { plan: 'Básico', orders: 3, birthday: '2001-12-31', active: false },
  },
  {
    name: 'Carlos',
    phone: '+34633333333',
    tags: ['vip', 'lead'],
    opt: 'opted_out',
    attrs: { orders: 9, city: 'Sevilla' },
  },
  { name: 'Dana', phone: '+525512345678', tags: [], opt: 'opted_in', attrs: {} },
];

beforeAll(async () => {
  db = await createTestDatabase();
  [ws, otherWs] = (
    await db.query<{ id: string }>(`INSERT INTO workspaces (name) VALUES ('A'), ('B') RETURNING id`)
  ).map((r) => r.id) as [string, string];
  for (const c of contacts)
    await db.query(
      `INSERT INTO contacts (workspace_id, name, phone, wa_id, tags, opt_in_state, attributes)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7::jsonb)`,
      [ws, c.name, c.phone, c.phone.slice(1), c.tags, c.opt, JSON.stringify(c.attrs)],
    );
  // Same name in another workspace: the caller's workspace condition keeps it out.
  await db.query(`INSERT INTO contacts (workspace_id, name, tags) VALUES ($1, 'Ana', '{vip}')`, [otherWs]);
  for (const [key, type, options] of [
    ['plan', 'list', '["Básico","Pro"]'],
    ['orders', 'number', null],
    ['birthday', 'date', null],
    ['active', 'boolean', null],
    ['city', 'text', null],
  ] as const)
    await db.query(
      `INSERT INTO contact_attribute_definitions (workspace_id, key, label, type, options) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [ws, key, key, type, options],
    );
});
afterAll(() => db?.close());

/** Names of the contacts matching raw filters, after the same normalisation the API applies. */
async function names(raw: ContactFilters): Promise<string[]> {
  const filters = await normaliseContactFilters({ db }, ws, raw);
  const { where, params } = contactFilterSql(filters, 2, 'c');
  const rows = await db.query<{ name: string }>(
    `SELECT c.name FROM contacts c WHERE c.workspace_id = $1 AND ${where} ORDER BY c.name`,
    [ws, ...params],
  );
  return rows.map((r) => r.name);
}

describe('contactFilterSql', () => {
  it('matches everything without conditions and keeps to the workspace the caller gives', async () => {
    expect(await names({})).toEqual(['Ana', 'Bea', 'Carlos', 'Dana']);
  });

  it('searches name and phone digits, tags (any of) and opt-in state', async () => {
    expect(await names({ q: 'an' })).toEqual(['Ana', 'Dana']);
    expect(await names({ q: '55 1234' })).toEqual(['Dana']);
    // Dana's number as WhatsApp spells it (Mexico's old mobile 1).
    expect(await names({ q: '+52 1 55 1234 5678' })).toEqual(['Dana']);
    expect(await names({ q: '100%_' })).toEqual([]);
    expect(await names({ tags: ['vip'] })).toEqual(['Ana', 'Carlos']);
    expect(await names({ tags: ['vip', 'lead'] })).toEqual(['Ana', 'Bea', 'Carlos']);
    expect(await names({ optIn: 'opted_in' })).toEqual(['Ana', 'Dana']);
    expect(await names({ tags: ['vip'], optIn: 'opted_in' })).toEqual(['Ana']);
  });

  it('compares numbers numerically, also when the value arrives as text', async () => {
    // As text "9" > "12"; as numbers it is not.
    expect(await names({ attributes: [{ key: 'orders', op: 'gt', value: '9' }] })).toEqual(['Ana']);
    expect(await names({ attributes: [{ key: 'orders', op: 'gte', value: 9 }] })).toEqual(['Ana', 'Carlos']);
    expect(await names({ attributes: [{ key: 'orders', op: 'eq', value: '3' }] })).toEqual(['Bea']);
    expect(await names({ attributes: [{ key: 'orders', op: 'neq', value: 3 }] })).toEqual([
      'Ana',
      'Carlos',
      'Dana',
    ]);
  });

  it('compares dates in calendar order, reading DD/MM/YYYY', async () => {
    expect(await names({ attributes: [{ key: 'birthday', op: 'lt', value: '2000-01-01' }] })).toEqual([
      'Ana',
    ]);
    expect(await names({ attributes: [{ key: 'birthday', op: 'gte', value: '31/12/2001' }] })).toEqual([
      'Bea',
    ]);
  });

  it('matches booleans, lists and text without case, and set / not set', async () => {
    expect(await names({ attributes: [{ key: 'active', op: 'eq', value: 'sí' }] })).toEqual(['Ana']);
    expect(await names({ attributes: [{ key: 'active', op: 'eq', value: false }] })).toEqual(['Bea']);
    expect(await names({ attributes: [{ key: 'plan', op: 'eq', value: 'pro' }] })).toEqual(['Ana']);
    expect(await names({ attributes: [{ key: 'city', op: 'contains', value: 'VILL' }] })).toEqual(['Carlos']);
    expect(await names({ attributes: [{ key: 'plan', op: 'is_set', value: null }] })).toEqual(['Ana', 'Bea']);
    expect(await names({ attributes: [{ key: 'plan', op: 'not_set', value: null }] })).toEqual([
      'Carlos',
      'Dana',
    ]);
    expect(
      await names({
        tags: ['vip'],
        attributes: [
          { key: 'orders', op: 'gt', value: 5 },
          { key: 'city', op: 'eq', value: "madrid' OR 1=1 --" },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses conditions that cannot work, naming each one', async () => {
    const err = await normaliseContactFilters({ db }, ws, {
      attributes: [
        { key: 'nope', op: 'eq', value: 'x' },
        { key: 'orders', op: 'gt', value: 'many' },
        { key: 'active', op: 'gt', value: true },
        { key: 'orders', op: 'contains', value: '1' },
        { key: 'plan', op: 'eq', value: 'Gold' },
      ],
    }).catch((e) => e);
    expect(err.code).toBe('invalid_filter');
    expect(err.fields.map((f: { path: string }) => f.path)).toEqual([
      'attributes.0.key',
      'attributes.1.value',
      'attributes.2.op',
      'attributes.3.op',
      'attributes.4.value',
    ]);
  });
});
