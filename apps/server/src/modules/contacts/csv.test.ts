import { describe, expect, it } from 'vitest';
import { type CsvRow, decodeCsvBytes, parseCsv, readCsvRows, toCsv } from './csv';

const fields = (text: string) => parseCsv(text).rows.map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain rows with LF or CRLF', () => {
    expect(fields('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\r\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps separators, line breaks and escaped quotes inside quoted fields', () => {
    const parsed = parseCsv('name,notes\r\n"Pérez, Ana","dice ""hola""\r\ny adiós"\r\nLuis,x\r\n');
    expect(parsed.rows.map((r) => r.fields)).toEqual([
      ['name', 'notes'],
      ['Pérez, Ana', 'dice "hola"\r\ny adiós'],
      ['Luis', 'x'],
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('detects the semicolon separator Excel uses in Spanish', () => {
    const parsed = parseCsv('teléfono;nombre\n+34 612 34 56 78;"Ana; Luis"\n');
    expect(parsed.separator).toBe(';');
    expect(parsed.rows[1]?.fields).toEqual(['+34 612 34 56 78', 'Ana; Luis']);
  });

  it('drops a BOM, skips blank lines and keeps empty fields', () => {
    const parsed = parseCsv('\uFEFFphone,name\n\n600000000,\n,\n');
    expect(parsed.rows.map((r) => r.fields)).toEqual([
      ['phone', 'name'],
      ['600000000', ''],
      ['', ''],
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([1, 3, 4]);
  });

  it('decodes UTF-8 with BOM and falls back to Windows-1252', () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    expect(decodeCsvBytes(new Uint8Array([0x50, 0xe9, 0x72, 0x65, 0x7a]))).toBe('Pérez');
  });

  it('detects a tab separator (pasted from a spreadsheet)', () => {
    const parsed = parseCsv('phone\tname\tnotes\n+34612345678\tAna, la de Madrid\tx;y\n');
    expect(parsed.separator).toBe('\t');
    expect(parsed.rows[1]?.fields).toEqual(['+34612345678', 'Ana, la de Madrid', 'x;y']);
  });

  it('numbers rows by the line they start on after multiline fields in CRLF, LF or CR files', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const text = ['a;b', '"uno', 'dos', 'tres";1', '', 'x;"y"', 'z;2'].join(eol);
      expect(parseCsv(text).rows.map((r) => [r.line, r.fields])).toEqual([
        [1, ['a', 'b']],
        [2, [`uno${eol}dos${eol}tres`, '1']],
        [6, ['x', 'y']],
        [7, ['z', '2']],
      ]);
    }
  });

  it('keeps a quote inside an unquoted field, and ragged rows as they are', () => {
    expect(fields('a,b\n5" tall,x,extra\nonly\n')).toEqual([['a', 'b'], ['5" tall', 'x', 'extra'], ['only']]);
  });

  it('names the line of a quote that never closes', () => {
    expect(() => parseCsv('phone,name\n1,Ana\n2,"Luis\n3,Marta\n')).toThrow(
      expect.objectContaining({ code: 'csv_malformed', message: expect.stringContaining('line 3') }),
    );
  });

  it('reads Latin-1 / Windows-1252 files with accents and the euro sign', () => {
    // What Excel in Spanish saves: é ñ á as Latin-1 bytes, € as Windows-1252's 0x80.
    const bytes = Buffer.from('Teléfono;Señora;Precio\r\n612345678;Begoña Ibáñez;5 \x80\r\n', 'latin1');
    expect(bytes.includes(0xc3)).toBe(false);
    expect(parseCsv(decodeCsvBytes(bytes)).rows.map((r) => r.fields)).toEqual([
      ['Teléfono', 'Señora', 'Precio'],
      ['612345678', 'Begoña Ibáñez', '5 €'],
    ]);
  });

  it('streams the same rows as the whole-file parser', async () => {
    const text = '\uFEFFTeléfono;Notas\r\n612345678;"línea 1\r\nlínea 2"\r\n\r\n622000111;ok\r\n';
    const streamed: CsvRow[] = [];
    for await (const row of readCsvRows(text)) streamed.push(row);
    expect(streamed).toEqual(parseCsv(text).rows);
    expect(streamed.map((r) => r.line)).toEqual([1, 2, 5]);
    const broken = async () => {
      for await (const _ of readCsvRows('a,b\n1,2\n"open,1\n')) {
      }
    };
    await expect(broken()).rejects.toMatchObject({
      code: 'csv_malformed',
      message: expect.stringContaining('line 3'),
    });
  });

  it('round-trips what toCsv writes', () => {
    const rows = [
      ['phone', 'name', 'notes'],
      ['+34612345678', 'Pérez, Ana', 'dice "hola"\nadiós'],
    ];
    expect(fields(toCsv(rows))).toEqual(rows);
  });

  it('defuses spreadsheet formulas but leaves phone numbers alone', () => {
    expect(fields(toCsv([['=HYPERLINK("x")', '+34612345678']]))).toEqual([
      ['\'=HYPERLINK("x")', '+34612345678'],
    ]);
  });
});
