import type { Template, TemplateStatus } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { countByFilter, filterTemplates, matchesSearch } from './template-filters';

const template = (name: string, status: TemplateStatus, updatedAt: string) =>
  ({ name, status, updatedAt }) as Template;

const all = [
  template('pedido_listo', 'approved', '2026-11-20T10:00:00Z'),
  template('bienvenida', 'pending', '2026-11-22T10:00:00Z'),
  template('promo_navidad', 'paused', '2026-11-21T10:00:00Z'),
  template('recordatorio_cita', 'rejected', '2026-11-19T10:00:00Z'),
];

describe('template list filters', () => {
  it('finds a name however it is typed', () => {
    expect(matchesSearch({ name: 'pedido_listo' }, 'Pedido listo')).toBe(true);
    expect(matchesSearch({ name: 'promocion' }, 'promoción')).toBe(true);
    expect(matchesSearch({ name: 'pedido_listo' }, 'cita')).toBe(false);
  });

  it('groups paused and disabled under inactive and shows the newest first', () => {
    expect(filterTemplates(all, 'inactive', '').map((t) => t.name)).toEqual(['promo_navidad']);
    expect(filterTemplates(all, 'all', '').map((t) => t.name)).toEqual([
      'bienvenida',
      'promo_navidad',
      'pedido_listo',
      'recordatorio_cita',
    ]);
  });

  it('counts each chip', () => {
    expect(countByFilter(all)).toEqual({
      all: 4,
      approved: 1,
      pending: 1,
      rejected: 1,
      draft: 0,
      inactive: 1,
    });
  });
});
