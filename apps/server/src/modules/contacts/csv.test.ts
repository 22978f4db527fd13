import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv, toCsv } from './csv';

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
