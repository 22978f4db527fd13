import type { ContactAttributeDefinition } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { buildAudience, buildCondition, emptyAudience, newCondition, parseTags } from './audience-conditions';

const defs: ContactAttributeDefinition[] = [
  { id: '1', key: 'plan', label: 'Plan', type: 'list', options: ['basic', 'pro'] },
  { id: '2', key: 'orders', label: 'Pedidos', type: 'number', options: null },
  { id: '3', key: 'birthday', label: 'Cumpleaños', type: 'date', options: null },
  { id: '4', key: 'vip', label: 'VIP', type: 'boolean', options: null },
  { id: '5', key: 'city', label: 'Ciudad', type: 'text', options: null },
];

describe('attribute conditions', () => {
  it('sends values in the attribute type', () => {
    expect(buildCondition({ key: 'orders', op: 'gte', raw: ' 3,5 ' }, defs)).toEqual({
      filter: { key: 'orders', op: 'gte', value: 3.5 },
    });
    expect(buildCondition({ key: 'vip', op: 'eq', raw: 'false' }, defs)).toEqual({
      filter: { key: 'vip', op: 'eq', value: false },
    });
    expect(buildCondition({ key: 'birthday', op: 'lt', raw: '1990-05-17' }, defs)).toEqual({
      filter: { key: 'birthday', op: 'lt', value: '1990-05-17' },
    });
    expect(buildCondition({ key: 'city', op: 'is_set', raw: 'ignored' }, defs)).toEqual({
      filter: { key: 'city', op: 'is_set', value: null },
    });
  });

  it('says what is wrong with a value', () => {
    expect(buildCondition({ key: 'orders', op: 'eq', raw: 'tres' }, defs)).toEqual({
      problem: 'not_a_number',
    });
    expect(buildCondition({ key: 'birthday', op: 'eq', raw: '17/05/1990' }, defs)).toEqual({
      problem: 'not_a_date',
    });
    expect(buildCondition({ key: 'plan', op: 'eq', raw: 'gold' }, defs)).toEqual({
      problem: 'not_an_option',
    });
    expect(buildCondition({ key: 'city', op: 'eq', raw: '  ' }, defs)).toEqual({ problem: 'missing_value' });
    expect(buildCondition({ key: 'gone', op: 'eq', raw: 'x' }, defs)).toEqual({
      problem: 'unknown_attribute',
    });
  });

  it('starts a row with a sensible operator and value', () => {
    expect(newCondition(defs[0] as ContactAttributeDefinition)).toEqual({
      key: 'plan',
      op: 'eq',
      raw: 'basic',
    });
    expect(newCondition(defs[3] as ContactAttributeDefinition)).toEqual({
      key: 'vip',
      op: 'eq',
      raw: 'true',
    });
  });
});

describe('audience', () => {
  it('combines tags and conditions into contact filters', () => {
    const built = buildAudience(
      {
        ...emptyAudience,
        tags: ['vip', ' vip ', 'madrid'],
        conditions: [{ key: 'orders', op: 'gt', raw: '2' }],
      },
      defs,
    );
    expect(built).toEqual({
      audience: {
        kind: 'filters',
        filters: { tags: ['vip', 'madrid'], attributes: [{ key: 'orders', op: 'gt', value: 2 }] },
      },
    });
  });

  it('never means "everyone" by accident', () => {
    expect(buildAudience(emptyAudience, defs)).toEqual({ problem: 'empty' });
    expect(buildAudience({ ...emptyAudience, kind: 'view' }, defs)).toEqual({ problem: 'empty' });
    expect(buildAudience({ ...emptyAudience, kind: 'csv' }, defs)).toEqual({ problem: 'empty' });
  });

  it('refuses an audience with a broken condition', () => {
    const draft = {
      ...emptyAudience,
      tags: ['vip'],
      conditions: [{ key: 'orders', op: 'gt' as const, raw: 'x' }],
    };
    expect(buildAudience(draft, defs)).toEqual({ problem: 'invalid_condition' });
  });

  it('uses a saved view or an upload as they are', () => {
    expect(buildAudience({ ...emptyAudience, kind: 'view', viewId: 'v1' }, defs)).toEqual({
      audience: { kind: 'view', viewId: 'v1' },
    });
    expect(buildAudience({ ...emptyAudience, kind: 'csv', uploadId: 'u1' }, defs)).toEqual({
      audience: { kind: 'csv', uploadId: 'u1' },
    });
  });

  it('reads tags separated by commas or semicolons', () => {
    expect(parseTags('vip, madrid;; clientes ')).toEqual(['vip', 'madrid', 'clientes']);
  });
});
