import { describe, expect, it } from 'vitest';
import { contentDisposition } from './get-media-file';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Factura "marzo" ñ.pdf')).toBe(
      `attachment; filename="Factura _marzo_ _.pdf"; filename*=UTF-8''Factura%20%22marzo%22%20%C3%B1.pdf`,
    );
  });

  it('is bare without a filename', () => {
    expect(contentDisposition('inline', null)).toBe('inline');
  });
});
