import { describe, expect, it } from 'vitest';
import { guessMapping, rejectedCsv, toMapping } from './import-mapping';

describe('import mapping', () => {
  it('guesses columns from Spanish and English headers and attribute labels', () => {
    const choice = guessMapping(
      ['Teléfono', 'Nombre', 'Etiquetas', 'Cumpleaños', 'x'],
      [{ id: '1', key: 'birthday', label: 'Cumpleaños', type: 'date', options: null }],
    );
    expect(choice).toEqual({
      phone: 'Teléfono',
      name: 'Nombre',
      tags: 'Etiquetas',
      'attr:birthday': 'Cumpleaños',
    });
    expect(toMapping(choice)).toEqual({
      phone: 'Teléfono',
      name: 'Nombre',
      tags: 'Etiquetas',
      attributes: { Cumpleaños: 'birthday' },
    });
  });

  it('writes the rejected rows as CSV', () => {
    const csv = rejectedCsv([
      { line: 7, code: 'invalid_phone', reason: '"12, 3" is not valid', field: 'Teléfono', value: '12, 3' },
    ]);
    expect(csv).toBe(
      '\uFEFFline,code,column,value,reason\r\n7,invalid_phone,Teléfono,"12, 3","""12, 3"" is not valid"\r\n',
    );
  });

  it("writes them in the user's words when given", () => {
    const csv = rejectedCsv(
      [
        {
          line: 9,
          code: 'missing_phone',
          reason: 'The phone number is empty',
          field: 'Teléfono',
          value: null,
        },
      ],
      {
        header: { line: 'línea', column: 'columna', value: 'valor', problem: 'problema', detail: 'detalle' },
        describe: () => ({ problem: 'Falta el teléfono', detail: 'La fila no tiene número de teléfono.' }),
      },
    );
    expect(csv).toBe(
      '\uFEFFlínea,columna,valor,problema,detalle\r\n9,Teléfono,,Falta el teléfono,La fila no tiene número de teléfono.\r\n',
    );
  });
});
