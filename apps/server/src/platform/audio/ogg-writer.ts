import { oggCrc32 } from './ogg-crc';

/**
 * A codec-agnostic Ogg page writer for a single logical stream (RFC 3533). The codec layer
 * decides granule positions and where pages must end; this module only does the framing.
 */

export interface OggPacketInput {
  data: Uint8Array;
  /** Granule position once this packet is decoded (for Opus: 48 kHz samples so far). */
  granule: bigint;
  /** End the page right after this packet (headers need their own pages; also caps page delay). */
  flushAfter?: boolean;
}

const HEADER_BYTES = 27;
const MAX_SEGMENTS = 255;
/** Granule position of a page on which no packet ends (RFC 3533: -1). */
const NO_GRANULE = -1n;

const FLAG_CONTINUED = 0x01;
const FLAG_BOS = 0x02;
const FLAG_EOS = 0x04;

interface PendingPage {
  lacing: number[];
  chunks: Uint8Array[];
  granule: bigint;
  continued: boolean;
}

/**
 * Frames `packets` into Ogg pages with stream serial `serial`: the first page gets the
 * beginning-of-stream flag, the last one end-of-stream. Packets longer than 255 bytes are laced
 * into 255-byte segments, and a packet that does not fit in a page's 255 segments continues on
 * the next page.
 */
export function writeOggStream(serial: number, packets: readonly OggPacketInput[]): Uint8Array {
  const pages: PendingPage[] = [];
  let page: PendingPage = { lacing: [], chunks: [], granule: NO_GRANULE, continued: false };
  const flush = (continued: boolean) => {
    pages.push(page);
    page = { lacing: [], chunks: [], granule: NO_GRANULE, continued };
  };

  for (const packet of packets) {
    const { data } = packet;
    // A packet is floor(len / 255) segments of 255 plus one shorter terminating segment, which
    // is 0 when len is a multiple of 255: a 255 lacing value always means "packet continues".
    let offset = 0;
    for (;;) {
      if (page.lacing.length === MAX_SEGMENTS) flush(offset > 0);
      const take = Math.min(255, data.length - offset);
      page.lacing.push(take);
      page.chunks.push(data.subarray(offset, offset + take));
      offset += take;
      if (take < 255) break;
    }
    page.granule = packet.granule;
    if (packet.flushAfter) flush(false);
  }
  if (page.lacing.length > 0) pages.push(page);
  if (pages.length === 0) throw new Error('An Ogg stream needs at least one packet');

  return concat(pages.map((p, i) => serializePage(p, serial, i, i === 0, i === pages.length - 1)));
}

function serializePage(page: PendingPage, serial: number, sequence: number, bos: boolean, eos: boolean) {
  const bodyLength = page.chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(HEADER_BYTES + page.lacing.length + bodyLength);
  const view = new DataView(out.buffer);
  out.set([0x4f, 0x67, 0x67, 0x53]); // "OggS"
  out[4] = 0; // Stream structure version.
  out[5] = (page.continued ? FLAG_CONTINUED : 0) | (bos ? FLAG_BOS : 0) | (eos ? FLAG_EOS : 0);
  view.setBigInt64(6, page.granule, true);
  view.setUint32(14, serial >>> 0, true);
  view.setUint32(18, sequence, true);
  // Bytes 22-25 (CRC) stay zero while the checksum is computed over the whole page.
  out[26] = page.lacing.length;
  out.set(page.lacing, HEADER_BYTES);
  let at = HEADER_BYTES + page.lacing.length;
  for (const chunk of page.chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  view.setUint32(22, oggCrc32(out), true);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
