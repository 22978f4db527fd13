import type { Contact } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { keptIds, mergedContact } from './merge-plan';

const contact = (over: Partial<Contact>): Contact => ({
  id: 'x',
  name: null,
  profileName: null,
  phone: null,
  waId: null,
  userId: null,
  username: null,
  adSource: null,
  tags: [],
  attributes: {},
  notes: null,
  optIn: { state: 'unknown', source: null, at: null },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('mergedContact', () => {
  it('keeps A unless empty, joins tags and notes, lets an opt-out win', () => {
    const a = contact({
      id: 'a',
      name: 'María López',
      tags: ['vip'],
      attributes: { plan: 'Pro', city: '' },
      notes: 'Prefers mornings',
      optIn: { state: 'opted_in', source: 'import', at: '2026-01-01T00:00:00.000Z' },
    });
    const b = contact({
      id: 'b',
      name: 'Maria',
      profileName: 'Mari',
      phone: '+525512345678',
      tags: ['lead', 'vip'],
      attributes: { plan: 'Básico', city: 'CDMX', orders: 3 },
      notes: 'Asked for delivery',
      optIn: { state: 'opted_out', source: 'customer_keyword', at: '2026-02-01T00:00:00.000Z' },
    });
    const m = mergedContact(a, b, { waId: '5215512345678', userId: null });
    expect(m).toMatchObject({
      id: 'a',
      name: 'María López',
      profileName: 'Mari',
      phone: '+525512345678',
      waId: '5215512345678',
      tags: ['vip', 'lead'],
      attributes: { plan: 'Pro', city: 'CDMX', orders: 3 },
      notes: 'Prefers mornings\n\nAsked for delivery',
      optIn: { state: 'opted_out', source: 'customer_keyword' },
    });
  });
});

describe('keptIds', () => {
  it('keeps the WhatsApp id that has written', () => {
    expect(
      keptIds(
        { waId: '525512345678', userId: null, hasWritten: false },
        { waId: '5215512345678', userId: 'MX.1', hasWritten: true },
      ),
    ).toEqual({ waId: '5215512345678', userId: 'MX.1' });
    expect(
      keptIds({ waId: '1', userId: null, hasWritten: true }, { waId: null, userId: null, hasWritten: false }),
    ).toEqual({ waId: '1', userId: null });
  });

  it('refuses two different accounts that both wrote', () => {
    expect(() =>
      keptIds({ waId: '1', userId: null, hasWritten: true }, { waId: '2', userId: null, hasWritten: true }),
    ).toThrow(/different WhatsApp accounts/);
  });
});
