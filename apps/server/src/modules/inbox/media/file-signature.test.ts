import { deflateSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { declaredTypeMismatch, sniffFileType } from './file-signature';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const ftyp = (brand: string) => bytes([0, 0, 0, 0x18], 'ftyp', brand, [0, 0, 0, 0], 'isommp41');
const png = bytes(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0, 0, 0, 13],
  'IHDR',
  deflateSync('x').toString('latin1'),
);
const html = bytes('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>');
const zipOf = (...names: string[]) =>
  Buffer.from(zipSync(Object.fromEntries(names.map((n) => [n, new TextEncoder().encode('<x/>')]))));

describe('file signatures', () => {
  it('recognises every type WhatsApp accepts from its first bytes', () => {
    const cases: [Buffer, string][] = [
      [png, 'image/png'],
      [bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
      [bytes('RIFF', [0x1a, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
      [ftyp('isom'), 'video/mp4'],
      [ftyp('3gp5'), 'video/3gpp'],
      [ftyp('M4A '), 'audio/mp4'],
      [bytes([0xff, 0xf1, 0x50, 0x80]), 'audio/aac'],
      [bytes('#!AMR\n'), 'audio/amr'],
      [bytes('ID3', [3, 0]), 'audio/mpeg'],
      [bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
      [bytes('OggS', [0, 2], Array(20).fill(0), 'OpusHead'), 'audio/ogg'],
      [bytes([0x1a, 0x45, 0xdf, 0xa3]), 'video/webm'],
      [bytes('%PDF-1.7\n'), 'application/pdf'],
      [bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'application/x-ole-storage'],
      [
        zipOf('[Content_Types].xml', 'word/document.xml'),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      [
        zipOf('[Content_Types].xml', 'xl/workbook.xml'),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      [
        zipOf('[Content_Types].xml', 'ppt/presentation.xml'),
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      ],
      [zipOf('notes.txt'), 'application/zip'],
      [html, 'text/html'],
      [
        Buffer.from('\ufeff  <svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', 'utf8'),
        'image/svg+xml',
      ],
    ];
    for (const [b, mime] of cases) expect(sniffFileType(b)?.mime, mime).toBe(mime);
    expect(sniffFileType(bytes('Hola, ¿cómo estás?'))).toBeNull();
  });

  it('accepts a file whose bytes are what it says', () => {
    expect(declaredTypeMismatch('image/png', png)).toBeNull();
    expect(declaredTypeMismatch('audio/mp4', ftyp('isom'))).toBeNull();
    expect(declaredTypeMismatch('video/3gpp', ftyp('3gp4'))).toBeNull();
    expect(
      declaredTypeMismatch('application/msword', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    ).toBeNull();
    expect(declaredTypeMismatch('text/plain', bytes('Pedido 123: 2 x camisa azul\n'))).toBeNull();
    expect(declaredTypeMismatch('text/plain', bytes('precio < 100 y > 50'))).toBeNull();
    expect(declaredTypeMismatch('text/plain', bytes('Ver la norma %PDF-1.7 adjunta'))).toBeNull();
    expect(declaredTypeMismatch('application/pdf', bytes('\r\n\r\n%PDF-1.4\n'))).toBeNull();
  });

  it('refuses HTML labelled as a picture, a video or a PDF, naming both types', () => {
    expect(declaredTypeMismatch('image/png', html)).toBe(
      'The file says it is image/png but its bytes are an HTML document (text/html): upload a real PNG image, or pick the file again.',
    );
    expect(declaredTypeMismatch('video/mp4', html)).toMatch(
      /video\/mp4 but its bytes are an HTML document \(text\/html\)/,
    );
    expect(declaredTypeMismatch('application/pdf', html)).toMatch(
      /application\/pdf but its bytes are an HTML document/,
    );
    const polyglot = bytes('<html><script>alert(1)</script>%PDF-1.4\n');
    expect(declaredTypeMismatch('application/pdf', polyglot)).toMatch(/an HTML document \(text\/html\)/);
  });

  it('refuses one real type labelled as another, and bytes of no known type', () => {
    expect(declaredTypeMismatch('image/jpeg', png)).toMatch(
      /image\/jpeg but its bytes are a PNG image \(image\/png\)/,
    );
    expect(
      declaredTypeMismatch(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        zipOf('a.txt'),
      ),
    ).toMatch(/but its bytes are a ZIP archive \(application\/zip\): upload a real Word document \(\.docx\)/);
    expect(declaredTypeMismatch('audio/ogg', bytes('OggS', [0, 2], Array(20).fill(0), '\x01vorbis'))).toMatch(
      /an Ogg file without Opus audio/,
    );
    expect(declaredTypeMismatch('audio/mpeg', bytes('fake-mp3'))).toBe(
      'The file says it is audio/mpeg but its bytes are not an MP3 audio file: upload a real MP3 audio file, or pick the file again.',
    );
  });

  it('plain text must be text: no HTML, no binary file, no NUL bytes', () => {
    expect(declaredTypeMismatch('text/plain', html)).toMatch(
      /text\/plain but its bytes are an HTML document \(text\/html\)/,
    );
    expect(declaredTypeMismatch('text/plain', bytes('Hola\n\n<script>fetch("/api/me")</script>'))).toMatch(
      /an HTML document/,
    );
    expect(declaredTypeMismatch('text/plain', png)).toMatch(/a PNG image \(image\/png\)/);
    expect(declaredTypeMismatch('text/plain', bytes('abc', [0], 'def'))).toMatch(/binary data/);
  });

  it('leaves types it does not check to the channel rules', () => {
    expect(declaredTypeMismatch('image/gif', html)).toBeNull();
  });
});
