/**
 * The few EBML primitives a WebM demuxer needs (RFC 8794): variable-size integers, element
 * headers and the scalar payload types. Positions are plain offsets into one Uint8Array so the
 * demuxer can hand out zero-copy views of the frames.
 */

/** Element IDs used by the demuxer. IDs keep their length marker bits, as the spec writes them. */
export const EbmlId = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  // Level 1, children of Segment.
  seekHead: 0x114d9b74,
  info: 0x1549a966,
  tracks: 0x1654ae6b,
  cluster: 0x1f43b675,
  cues: 0x1c53bb6b,
  chapters: 0x1043a770,
  tags: 0x1254c367,
  attachments: 0x1941a469,
  // Tracks.
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  codecId: 0x86,
  codecPrivate: 0x63a2,
  codecDelay: 0x56aa,
  contentEncodings: 0x6d80,
  audio: 0xe1,
  samplingFrequency: 0xb5,
  channels: 0x9f,
  // Clusters.
  timecode: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  discardPadding: 0x75a2,
} as const;

/** Thrown for bytes that cannot be EBML at all (a VINT with no length marker). */
export class EbmlSyntaxError extends Error {}

export interface Vint {
  /** The decoded value; for sizes, null when all data bits are set ("unknown size"). */
  value: number | null;
  length: number;
}

/** Length of the VINT starting with `first`: one plus the number of leading zero bits. */
function vintLength(first: number): number {
  if (first === 0) return 0; // No marker within 8 bytes: not EBML.
  return Math.clz32(first) - 23;
}

/**
 * Reads a size-style VINT (marker bit removed). Returns undefined when the bytes run out before
 * `end`, so a caller can tell "truncated here" from "not EBML" (which throws).
 */
export function readVintSize(bytes: Uint8Array, pos: number, end = bytes.length): Vint | undefined {
  if (pos >= end) return undefined;
  const length = vintLength(bytes[pos]!);
  if (length === 0) throw new EbmlSyntaxError(`Invalid EBML size at byte ${pos}`);
  if (pos + length > end) return undefined;
  let value = bytes[pos]! & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = bytes[pos + i]!;
    // Multiplication, not shifts: sizes can exceed 32 bits and JS bit operators truncate.
    value = value * 256 + b;
    allOnes &&= b === 0xff;
  }
  return { value: allOnes ? null : value, length };
}

/** Reads an element ID, which keeps its marker bits (IDs are at most 4 bytes in Matroska). */
export function readElementId(
  bytes: Uint8Array,
  pos: number,
  end = bytes.length,
): { value: number; length: number } | undefined {
  if (pos >= end) return undefined;
  const length = vintLength(bytes[pos]!);
  if (length === 0 || length > 4) throw new EbmlSyntaxError(`Invalid EBML element ID at byte ${pos}`);
  if (pos + length > end) return undefined;
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + bytes[pos + i]!;
  return { value, length };
}

export interface ElementHeader {
  id: number;
  /** Offset of the ID's first byte. */
  start: number;
  /** Offset of the payload's first byte. */
  dataStart: number;
  /** Payload size, or null for an unknown-size (live-streamed) element. */
  size: number | null;
}

/** Reads an element header at `pos`; undefined when the header is cut off before `end`. */
export function readElementHeader(
  bytes: Uint8Array,
  pos: number,
  end = bytes.length,
): ElementHeader | undefined {
  const id = readElementId(bytes, pos, end);
  if (!id) return undefined;
  const size = readVintSize(bytes, pos + id.length, end);
  if (!size) return undefined;
  return { id: id.value, start: pos, dataStart: pos + id.length + size.length, size: size.value };
}

export function readUint(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + bytes[i]!;
  return value;
}

/** EBML floats are 0 (meaning 0.0), 4 or 8 bytes, big-endian. */
export function readFloat(bytes: Uint8Array, start: number, end: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, end - start);
  if (end - start === 4) return view.getFloat32(0);
  if (end - start === 8) return view.getFloat64(0);
  return 0;
}

/** ASCII strings may be zero-padded at the end; the padding is not part of the value. */
export function readString(bytes: Uint8Array, start: number, end: number): string {
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return new TextDecoder('latin1').decode(bytes.subarray(start, stop));
}

/** Two's-complement big-endian signed integer (e.g. DiscardPadding, which may be negative). */
export function readInt(bytes: Uint8Array, start: number, end: number): number {
  const value = readUint(bytes, start, end);
  const length = end - start;
  return length > 0 && bytes[start]! & 0x80 ? value - 2 ** (8 * length) : value;
}
