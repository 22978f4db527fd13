import { describe, expect, it } from 'vitest';
import { draftFor, toNewAttributes, unmappedColumns } from './import-new-attributes';

const preview = {
  columns: ['Teléfono', 'Ciudad', 'Nivel', 'Fecha de alta'],
  sampleRows: [
    ['1', 'Sevilla', 'Oro', ''],
    ['2', 'Bilbao', 'Plata', ''],
    ['3', 'Sevilla', 'Oro', ''],
  ],
};

describe('new attributes from unmapped columns', () => {
  it('offers the columns no field takes', () => {
    expect(unmappedColumns(preview.columns, { phone: 'Teléfono', name: '', 'attr:nivel': 'Nivel' })).toEqual([
      'Ciudad',
      'Fecha de alta',
    ]);
  });

  it('starts a list from the values the sample shows', () => {
    expect(draftFor(preview, 'Nivel')).toEqual({ label: 'Nivel', type: 'text', options: 'Oro\nPlata' });
  });

  it('sends each draft with a key no attribute has, and list options split', () => {
    const sent = toNewAttributes(
      {
        Ciudad: { label: 'Ciudad', type: 'text', options: 'x' },
        Nivel: { label: 'Nivel', type: 'list', options: 'Oro\nPlata, Bronce\n' },
        'Fecha de alta': { label: 'Fecha de alta', type: 'date', options: '' },
      },
      ['Ciudad', 'Fecha de alta', 'Nivel'],
      [{ key: 'ciudad' }],
    );
    expect(sent).toEqual([
      { column: 'Ciudad', key: 'ciudad_2', label: 'Ciudad', type: 'text' },
      { column: 'Fecha de alta', key: 'fecha_de_alta', label: 'Fecha de alta', type: 'date' },
      { column: 'Nivel', key: 'nivel', label: 'Nivel', type: 'list', options: ['Oro', 'Plata', 'Bronce'] },
    ]);
  });

  it('drops a draft whose column was mapped meanwhile', () => {
    expect(toNewAttributes({ Ciudad: { label: 'Ciudad', type: 'text', options: '' } }, [], [])).toEqual([]);
  });
});
