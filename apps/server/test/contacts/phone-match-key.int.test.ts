import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePhone, phoneMatchKey } from '../../src/modules/contacts/phone-numbers';
import type { Database } from '../../src/platform/db/database';
import { createTestDatabase } from '../harness/test-db';

// contacts.phone_key is computed by the database (phone_match_key, generated from wa_id) and
// typed numbers get theirs from normalizePhone: the two must agree, or an import would miss the
// contact WhatsApp reported.

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.close());

const WA_IDS = [
  '5215512345678', // Mexico as WhatsApp reports it
  '525512345678', // Mexico as E.164
  '5491112345678', // Argentina, mobile
  '541112345678', // Argentina, written without the 9
  '543514234567', // Argentina, landline
  '5511987654321', // Brazil, mobile with the ninth digit
  '551187654321', // Brazil, old account without it
  '551112345678', // Brazil, without it, 1 after the area code
  '551134567890', // Brazil, landline
  '34612345678', // Spain
  '14155552671', // United States
  '52155123456789', // not Mexico's shape: left as it is
];

describe('phone_match_key (SQL) and phoneMatchKey (TypeScript)', () => {
  it('give the same key for every wa_id form', async () => {
    const rows = await db.query<{ digits: string; key: string }>(
      'SELECT d AS digits, phone_match_key(d) AS key FROM unnest($1::text[]) AS d',
      [WA_IDS],
    );
    expect(rows.map((r) => [r.digits, r.key])).toEqual(WA_IDS.map((d) => [d, phoneMatchKey(d)]));
  });

  it('match what normalizePhone gives the typed forms', async () => {
    const typed: [string, string, string][] = [
      ['+52 55 1234 5678', 'ES', '5215512345678'],
      ['011 15 1234-5678', 'AR', '5491112345678'],
      ['+54 11 1234-5678', 'ES', '5491112345678'],
      ['(11) 98765-4321', 'BR', '551187654321'],
      ['+55 11 8765-4321', 'ES', '5511987654321'],
    ];
    for (const [raw, country, waId] of typed) {
      const [row] = await db.query<{ key: string }>('SELECT phone_match_key($1) AS key', [waId]);
      expect(normalizePhone(raw, country), raw).toMatchObject({ ok: true, matchKey: row!.key });
    }
  });
});
