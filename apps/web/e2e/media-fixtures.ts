import { crc32, deflateSync } from 'node:zlib';

/** Small real files for the simulator's customer API: they must decode in Chromium, not just exist. */

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width x height RGB PNG with a diagonal gradient, so the thumbnail is visibly an image. */
export function gradientPng(width = 96, height = 64): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) {
      rows.push(18 + Math.round((x / width) * 100), 140 + Math.round((y / height) * 80), 126);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const oggCrcTable = Array.from({ length: 256 }, (_, index) => {
  let crc = index << 24;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  return crc >>> 0;
});

function oggCrc(data: Buffer): number {
  let crc = 0;
  for (const byte of data) crc = ((crc << 8) ^ (oggCrcTable[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  return crc;
}

function oggPage(packets: Buffer[], flags: number, granule: bigint, sequence: number): Buffer {
  const segments = packets.flatMap((packet) => {
    const lacing = Array<number>(Math.floor(packet.length / 255)).fill(255);
    return [...lacing, packet.length % 255];
  });
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'ascii');
  header.writeUInt8(flags, 5);
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(0x43686c61, 14); // stream serial
  header.writeUInt32LE(sequence, 18);
  header.writeUInt8(segments.length, 26);
  const page = Buffer.concat([header, Buffer.from(segments), ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** `seconds` of Opus silence in Ogg, what WhatsApp voice notes are (audio/ogg; codecs=opus). */
export function silentOggOpus(seconds = 2): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'ascii');
  head.writeUInt8(1, 8); // version
  head.writeUInt8(1, 9); // mono
  head.writeUInt16LE(312, 10); // pre-skip
  head.writeUInt32LE(48_000, 12);
  const vendor = Buffer.from('charla-e2e', 'ascii');
  const tags = Buffer.concat([Buffer.from('OpusTags', 'ascii'), Buffer.alloc(4), vendor, Buffer.alloc(4)]);
  tags.writeUInt32LE(vendor.length, 8);
  // 20 ms CELT frames of silence; a page holds at most 255 of them.
  const frames = Array.from({ length: seconds * 50 }, () => Buffer.from([0xf8, 0xff, 0xfe]));
  const pages = [oggPage([head], 0x02, 0n, 0), oggPage([tags], 0, 0n, 1)];
  for (let start = 0, sequence = 2; start < frames.length; start += 250, sequence++) {
    const chunk = frames.slice(start, start + 250);
    const isLast = start + 250 >= frames.length;
    pages.push(oggPage(chunk, isLast ? 0x04 : 0, BigInt((start + chunk.length) * 960), sequence));
  }
  return Buffer.concat(pages);
}

/** A one-page PDF saying "Lista de precios". */
export function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 18 Tf 20 70 Td (Lista de precios) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
