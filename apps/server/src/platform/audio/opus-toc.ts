/**
 * Opus packet durations from the TOC byte (RFC 6716 section 3.1). Ogg granule positions count
 * 48 kHz samples, and a container remux has no decoder to ask, so the count has to come from
 * the packet header itself.
 */

/** Samples at 48 kHz per frame for each of the 32 TOC configurations. */
const FRAME_SAMPLES: readonly number[] = [
  // 0-11 SILK-only (NB, MB, WB): 10, 20, 40, 60 ms.
  480, 960, 1920, 2880, 480, 960, 1920, 2880, 480, 960, 1920, 2880,
  // 12-15 Hybrid (SWB, FB): 10, 20 ms.
  480, 960, 480, 960,
  // 16-31 CELT-only (NB, WB, SWB, FB): 2.5, 5, 10, 20 ms.
  120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960,
];

/** RFC 6716 caps a packet at 120 ms; anything longer is malformed. */
const MAX_PACKET_SAMPLES = 5760;

/**
 * The number of 48 kHz samples `packet` decodes to, or undefined when the TOC describes no
 * valid packet (empty, a code 3 packet without its frame count byte, zero frames, > 120 ms).
 */
export function opusPacketSamples(packet: Uint8Array): number | undefined {
  const toc = packet[0];
  if (toc === undefined) return undefined;
  const perFrame = FRAME_SAMPLES[toc >> 3]!;
  let frames: number;
  switch (toc & 0x03) {
    case 0:
      frames = 1;
      break;
    case 1: // Two frames, equal size.
    case 2: // Two frames, different sizes.
      frames = 2;
      break;
    default: {
      // Code 3: an arbitrary number of frames, counted in the low 6 bits of the next byte.
      const count = packet[1];
      if (count === undefined) return undefined;
      frames = count & 0x3f;
      if (frames === 0) return undefined;
    }
  }
  const samples = frames * perFrame;
  return samples > MAX_PACKET_SAMPLES ? undefined : samples;
}
