import { readVintSize } from './ebml-reader';

/**
 * Matroska Block / SimpleBlock payloads: a track number, a timecode, flags, and one frame or
 * several laced frames (Matroska spec, "Block Lacing"). Browsers write one Opus packet per
 * SimpleBlock, but other muxers (ffmpeg, mkvmerge) lace, so all three lacing kinds are read.
 */

export interface MatroskaBlock {
  track: number;
  /** Zero-copy views of each frame, in order. */
  frames: Uint8Array[];
}

/** Thrown for a block whose bytes are all present but do not add up. */
export class MalformedBlockError extends Error {}

const LACING_NONE = 0;
const LACING_XIPH = 1;
const LACING_FIXED = 2;
const LACING_EBML = 3;

/** Parses the block payload in `bytes[start, end)`. */
export function parseBlock(bytes: Uint8Array, start: number, end: number): MatroskaBlock {
  const fail = (why: string): never => {
    throw new MalformedBlockError(`Malformed Matroska block at byte ${start}: ${why}`);
  };
  const track = readVintSize(bytes, start, end);
  if (!track || track.value === null) return fail('no track number');
  // Two bytes of timecode (relative to the cluster), then the flags byte.
  let pos = start + track.length + 3;
  if (pos > end) return fail('header runs past the block');
  const lacing = (bytes[pos - 1]! >> 1) & 0x03;
  if (lacing === LACING_NONE) return { track: track.value, frames: [bytes.subarray(pos, end)] };

  if (pos >= end) return fail('no lace count');
  const count = bytes[pos++]! + 1;
  const sizes: number[] = [];
  if (lacing === LACING_XIPH) {
    // Each size is a run of 255s plus a final byte below 255, summed.
    for (let i = 0; i < count - 1; i++) {
      let size = 0;
      let b: number;
      do {
        if (pos >= end) return fail('Xiph lace sizes run past the block');
        b = bytes[pos++]!;
        size += b;
      } while (b === 255);
      sizes.push(size);
    }
  } else if (lacing === LACING_EBML) {
    // The first size is an unsigned VINT; each next one a signed VINT difference from the
    // previous, stored with a bias of 2^(7n-1) - 1 for an n-byte VINT.
    for (let i = 0; i < count - 1; i++) {
      const raw = readVintSize(bytes, pos, end);
      if (!raw || raw.value === null) return fail('bad EBML lace size');
      pos += raw.length;
      const size = i === 0 ? raw.value : sizes[i - 1]! + raw.value - (2 ** (7 * raw.length - 1) - 1);
      if (size < 0) return fail('negative EBML lace size');
      sizes.push(size);
    }
  } else if (lacing === LACING_FIXED) {
    if ((end - pos) % count !== 0) return fail('fixed-size lacing does not divide the payload');
    for (let i = 0; i < count - 1; i++) sizes.push((end - pos) / count);
  }
  // The last frame takes whatever the listed sizes leave.
  const listed = sizes.reduce((sum, s) => sum + s, 0);
  if (pos + listed > end) return fail('laced frames run past the block');
  sizes.push(end - pos - listed);

  const frames: Uint8Array[] = [];
  for (const size of sizes) {
    frames.push(bytes.subarray(pos, pos + size));
    pos += size;
  }
  return { track: track.value, frames };
}
