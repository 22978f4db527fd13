import { describe, expect, it } from 'vitest';
import { fileExtension, fileKind, formatDuration, formatFileSize } from './media-format';

describe('formatFileSize', () => {
  it.each([
    [0, 'en', '0 B'],
    [820, 'en', '820 B'],
    [1024, 'en', '1 KB'],
    [1536, 'en', '1.5 KB'],
    [1_468_006, 'en', '1.4 MB'],
    [1_468_006, 'es', '1,4 MB'],
    [250 * 1024 * 1024, 'en', '250 MB'],
    [3 * 1024 ** 4, 'en', '3,072 GB'],
  ])('%d bytes in %s is %s', (bytes, language, expected) => {
    expect(formatFileSize(bytes, language)?.replace(/\u00a0|\u202f/g, ' ')).toBe(expected);
  });

  it('has nothing to say about unknown sizes', () => {
    expect(formatFileSize(null, 'en')).toBeNull();
    expect(formatFileSize(-1, 'en')).toBeNull();
    expect(formatFileSize(Number.NaN, 'en')).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [7.9, '0:07'],
    [65, '1:05'],
    [750, '12:30'],
    [3723, '1:02:03'],
    [Number.POSITIVE_INFINITY, '0:00'],
    [Number.NaN, '0:00'],
    [-3, '0:00'],
  ])('%d s reads %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('document icons', () => {
  it('goes by the extension first', () => {
    expect(fileKind('Factura 12.PDF', 'application/octet-stream')).toBe('pdf');
    expect(fileKind('precios.xlsx', 'application/octet-stream')).toBe('sheet');
    expect(fileKind('menu.docx', '')).toBe('word');
    expect(fileKind('fotos.zip', 'application/zip')).toBe('archive');
  });

  it('falls back to the MIME type', () => {
    expect(fileKind(null, 'application/pdf')).toBe('pdf');
    expect(fileKind('scan', 'image/jpeg')).toBe('image');
    expect(fileKind(null, 'text/plain; charset=utf-8')).toBe('text');
    expect(fileKind(null, 'application/x-unknown')).toBe('other');
  });

  it('shows an extension when it can tell', () => {
    expect(fileExtension('notes.TXT', 'text/plain')).toBe('txt');
    expect(fileExtension(null, 'application/pdf')).toBe('pdf');
    expect(fileExtension('README', 'application/x-unknown')).toBeNull();
  });
});
