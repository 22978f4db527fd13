import { oggCrc32 } from './ogg-crc';

/**
 * Just enough Ogg reading to check what the writer produced and to answer "is this already a
 * voice note, and how long is it" without a decoder.
 */

export interface OggPage {
  offset: number;
  headerType: number;
  /** -1 when no packet ends on the page. */
  granule: bigint;
  serial: number;
  sequence: number;
  crc: number;
  /** Whether the stored CRC matches the page's bytes. */
  crcValid: boolean;
  lacing: number[];
  body: Uint8Array;
}

const CAPTURE = [0x4f, 0x67, 0x67, 0x53]; // "OggS"
const OPUS_HEAD = [0x4f, 0x70, 0x75, 0x73, 0x48, 0x65, 0x61, 0x64]; // "OpusHead"

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
}

/** Reads the page at `offset`; undefined when there is no complete page there. */
export function readOggPage(bytes: Uint8Array, offset: number): OggPage | undefined {
  if (!startsWith(bytes, CAPTURE, offset) || offset + 27 > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  const segments = bytes[offset + 26]!;
  const bodyStart = offset + 27 + segments;
  if (bodyStart > bytes.length) return undefined;
  const lacing = Array.from(bytes.subarray(offset + 27, bodyStart));
  const bodyEnd = bodyStart + lacing.reduce((sum, v) => sum + v, 0);
  if (bodyEnd > bytes.length) return undefined;
  const crc = view.getUint32(22, true);
  // The checksum covers the page with its own CRC field read as zero.
  let computed = oggCrc32(bytes.subarray(offset, offset + 22));
  computed = oggCrc32(new Uint8Array(4), computed);
  computed = oggCrc32(bytes.subarray(offset + 26, bodyEnd), computed);
  return {
    offset,
    headerType: bytes[offset + 5]!,
    granule: view.getBigInt64(6, true),
    serial: view.getUint32(14, true),
    sequence: view.getUint32(18, true),
    crc,
    crcValid: crc === computed,
    lacing,
    body: bytes.subarray(bodyStart, bodyEnd),
  };
}

/** Every complete page, in order; stops at the first byte that does not start a page. */
export function readOggPages(bytes: Uint8Array): OggPage[] {
  const pages: OggPage[] = [];
  let offset = 0;
  for (;;) {
    const page = readOggPage(bytes, offset);
    if (!page) return pages;
    pages.push(page);
    offset = page.body.byteOffset - bytes.byteOffset + page.body.length;
  }
}

/**
 * True when `bytes` begins an Ogg Opus stream: a valid beginning-of-stream page whose packet is
 * an OpusHead (RFC 7845 section 5.1). A sniff, not a full validation.
 */
export function isOggOpus(bytes: Uint8Array): boolean {
  const first = readOggPage(bytes, 0);
  if (!first?.crcValid) return false;
  return (first.headerType & 0x02) !== 0 && first.body.length >= 19 && startsWith(first.body, OPUS_HEAD);
}

/**
 * Playback length of an Ogg Opus stream: the last granule position minus the pre-skip, in
 * 48 kHz samples (RFC 7845 section 4). Read from the pages, so no decoding is needed.
 */
export function oggDurationSeconds(bytes: Uint8Array): number {
  if (!isOggOpus(bytes)) throw new Error('Not an Ogg Opus stream (no OpusHead on the first page)');
  const pages = readOggPages(bytes);
  const head = pages[0]!;
  const preSkip = head.body[10]! | (head.body[11]! << 8);
  let last: bigint | undefined;
  // Only the Opus stream's pages count; -1 marks pages on which no packet ends.
  for (const page of pages) if (page.serial === head.serial && page.granule >= 0n) last = page.granule;
  if (last === undefined) return 0;
  return Math.max(0, Number(last - BigInt(preSkip)) / 48000);
}
