/**
 * What a file's bytes are, from their first bytes (magic numbers), and whether they are what its
 * declared type says: a browser or a script can label anything `image/png`. Pure, no I/O.
 */
export interface SniffedType {
  /** The type the bytes are, e.g. `text/html`. */
  mime: string;
  /** For people: "an HTML document". */
  label: string;
}

const ascii = (bytes: Uint8Array, start: number, text: string) => {
  if (bytes.length < start + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[start + i] !== text.charCodeAt(i)) return false;
  return true;
};
const hex = (bytes: Uint8Array, start: number, value: string) =>
  ascii(bytes, start, Buffer.from(value, 'hex').toString('latin1'));

const ISO_MEDIA = ['video/mp4', 'video/3gpp', 'audio/mp4'];
const OLE2 = 'application/x-ole-storage';
const OOXML: Record<string, { folder: string; name: string }> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    folder: 'word/',
    name: 'Word document (.docx)',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    folder: 'xl/',
    name: 'Excel workbook (.xlsx)',
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    folder: 'ppt/',
    name: 'PowerPoint presentation (.pptx)',
  },
};

/** The declared types Charla checks, each with the types its bytes may be and what to call it. */
const EXPECTED: Record<string, { accepts: string[]; name: string }> = {
  'image/jpeg': { accepts: ['image/jpeg'], name: 'JPEG image' },
  'image/png': { accepts: ['image/png'], name: 'PNG image' },
  'image/webp': { accepts: ['image/webp'], name: 'WebP image' },
  'video/mp4': { accepts: ISO_MEDIA, name: 'MP4 video' },
  'video/3gpp': { accepts: ISO_MEDIA, name: '3GPP video' },
  'audio/mp4': { accepts: ISO_MEDIA, name: 'MP4 (M4A) audio file' },
  'audio/aac': { accepts: ['audio/aac'], name: 'AAC audio file' },
  'audio/amr': { accepts: ['audio/amr'], name: 'AMR audio file' },
  'audio/mpeg': { accepts: ['audio/mpeg'], name: 'MP3 audio file' },
  'audio/ogg': { accepts: ['audio/ogg'], name: 'OGG/Opus audio file' },
  'audio/webm': { accepts: ['video/webm'], name: 'WebM recording' },
  'video/webm': { accepts: ['video/webm'], name: 'WebM recording' },
  'application/pdf': { accepts: ['application/pdf'], name: 'PDF document' },
  'application/msword': { accepts: [OLE2], name: 'Word 97-2003 document (.doc)' },
  'application/vnd.ms-excel': { accepts: [OLE2], name: 'Excel 97-2003 workbook (.xls)' },
  'application/vnd.ms-powerpoint': { accepts: [OLE2], name: 'PowerPoint 97-2003 presentation (.ppt)' },
  ...Object.fromEntries(Object.entries(OOXML).map(([mime, o]) => [mime, { accepts: [mime], name: o.name }])),
};

/** What the bytes are, or null when they match no type known here (plain text included). */
export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  if (hex(bytes, 0, '89504e470d0a1a0a')) return { mime: 'image/png', label: 'a PNG image' };
  if (hex(bytes, 0, 'ffd8ff')) return { mime: 'image/jpeg', label: 'a JPEG image' };
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a'))
    return { mime: 'image/gif', label: 'a GIF image' };
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP'))
    return { mime: 'image/webp', label: 'a WebP image' };
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE'))
    return { mime: 'audio/wav', label: 'a WAV audio file' };
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'AVI '))
    return { mime: 'video/x-msvideo', label: 'an AVI video' };
  if (ascii(bytes, 4, 'ftyp')) {
    const brand = Buffer.from(bytes.subarray(8, 12)).toString('latin1');
    if (brand.startsWith('3g')) return { mime: 'video/3gpp', label: 'a 3GPP video' };
    if (brand.startsWith('M4A') || brand.startsWith('M4B'))
      return { mime: 'audio/mp4', label: 'an M4A audio file' };
    if (brand === 'qt  ') return { mime: 'video/quicktime', label: 'a QuickTime video' };
    if (brand === 'heic' || brand === 'heix' || brand === 'mif1')
      return { mime: 'image/heic', label: 'a HEIC image' };
    return { mime: 'video/mp4', label: 'an MP4 file' };
  }
  if (ascii(bytes, 0, 'OggS')) {
    const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
    return head.includes('OpusHead')
      ? { mime: 'audio/ogg', label: 'OGG/Opus audio' }
      : { mime: 'application/ogg', label: 'an Ogg file without Opus audio' };
  }
  if (ascii(bytes, 0, '#!AMR')) return { mime: 'audio/amr', label: 'an AMR audio file' };
  if (ascii(bytes, 0, 'ADIF')) return { mime: 'audio/aac', label: 'an AAC audio file' };
  if (ascii(bytes, 0, 'ID3')) return { mime: 'audio/mpeg', label: 'an MP3 audio file' };
  if (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) {
    // MPEG audio frame sync: layer bits 00 is ADTS (AAC), anything else MP3.
    return ((bytes[1] ?? 0) & 0x06) === 0
      ? { mime: 'audio/aac', label: 'an AAC audio file' }
      : { mime: 'audio/mpeg', label: 'an MP3 audio file' };
  }
  if (hex(bytes, 0, '1a45dfa3')) return { mime: 'video/webm', label: 'a WebM recording' };
  if (ascii(bytes, 0, '%PDF-')) return { mime: 'application/pdf', label: 'a PDF document' };
  if (hex(bytes, 0, 'd0cf11e0a1b11ae1')) return { mime: OLE2, label: 'a Microsoft Office 97-2003 file' };
  if (ascii(bytes, 0, 'PK\x03\x04')) return zipType(bytes);
  if (ascii(bytes, 0, 'MZ')) return { mime: 'application/x-msdownload', label: 'a Windows program' };
  if (hex(bytes, 0, '7f454c46')) return { mime: 'application/x-executable', label: 'a Linux program' };
  // Readers accept a PDF whose header comes within its first 1024 bytes, after bytes a tool left
  // (whitespace, a binary prefix): not after words or markup.
  const head = Buffer.from(bytes.subarray(0, 1024));
  const pdfAt = head.indexOf('%PDF-');
  if (pdfAt > 0 && !/[A-Za-z<>]/.test(head.toString('latin1', 0, pdfAt)))
    return { mime: 'application/pdf', label: 'a PDF document' };
  return markupType(bytes);
}

/** A ZIP is an Office Open XML file when its entries say so ([Content_Types].xml and word/, xl/ or ppt/). */
function zipType(bytes: Uint8Array): SniffedType {
  const names = zipEntryNames(bytes);
  if (names.includes('[Content_Types].xml')) {
    for (const [mime, o] of Object.entries(OOXML)) {
      if (names.some((n) => n.startsWith(o.folder))) return { mime, label: article(o.name) };
    }
  }
  return { mime: 'application/zip', label: 'a ZIP archive' };
}

/** The names of a ZIP's entries, from its local file headers (enough for the first entries). */
function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The central directory lists every entry, even those whose sizes the local headers leave out.
  const from = Math.max(0, view.length - 65_557);
  let end = -1;
  for (let i = view.length - 22; i >= from; i--) {
    if (view.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end >= 0) {
    let at = view.readUInt32LE(end + 16);
    const count = view.readUInt16LE(end + 10);
    for (let n = 0; n < count && at + 46 <= view.length && view.readUInt32LE(at) === 0x02014b50; n++) {
      const nameLength = view.readUInt16LE(at + 28);
      names.push(view.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
    }
  }
  return names;
}

const HTML_START =
  /^(?:\ufeff)?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|script|iframe|meta|title|style|link|div|a|img|form|object|embed|base|svg|table|p)[\s>/]/i;
const HTML_ANYWHERE = /<(?:script|iframe|object|embed|html|body|svg|meta\s+http-equiv)[\s>/]|javascript:/i;

/** HTML, SVG and XML: what a browser may run. Null for anything else (plain text, unknown binary). */
function markupType(bytes: Uint8Array): SniffedType | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8');
  if (
    /^(?:\ufeff)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+svg[^>]*>\s*)?<svg[\s>]/i.test(
      head,
    )
  )
    return { mime: 'image/svg+xml', label: 'an SVG image' };
  if (HTML_START.test(head)) return { mime: 'text/html', label: 'an HTML document' };
  if (/^(?:\ufeff)?\s*<\?xml/i.test(head)) return { mime: 'application/xml', label: 'an XML document' };
  return null;
}

/**
 * Null when the bytes are what `declared` says (or Charla does not check that type); otherwise
 * the sentence that refuses the file, naming both types and what to do.
 */
export function declaredTypeMismatch(declared: string, bytes: Uint8Array): string | null {
  const sniffed = sniffFileType(bytes);
  if (declared === 'text/plain') return plainTextMismatch(bytes, sniffed);
  const expected = EXPECTED[declared];
  if (!expected) return null;
  if (sniffed && expected.accepts.includes(sniffed.mime)) return null;
  const what = sniffed ? `${sniffed.label} (${sniffed.mime})` : `not ${article(expected.name)}`;
  return `The file says it is ${declared} but its bytes are ${what}: upload a real ${expected.name}, or pick the file again.`;
}

/** Plain text is text: no markup a browser would run, no binary file, no NUL bytes. */
function plainTextMismatch(bytes: Uint8Array, sniffed: SniffedType | null): string | null {
  const refuse = (what: string) =>
    `The file says it is text/plain but its bytes are ${what}: upload it with its real type, or as a PDF.`;
  if (sniffed) return refuse(`${sniffed.label} (${sniffed.mime})`);
  const head = Buffer.from(bytes.subarray(0, 8192));
  if (head.includes(0)) return refuse('binary data, not text');
  if (HTML_ANYWHERE.test(head.toString('utf8'))) return refuse('an HTML document (text/html)');
  return null;
}

const article = (name: string) => (/^(?:[aeiou]|M[P4]|AAC|AMR|OGG)/i.test(name) ? `an ${name}` : `a ${name}`);
