/**
 * The two Ogg Opus header packets (RFC 7845 section 5): the identification header (OpusHead)
 * and the comment header (OpusTags).
 */

const ascii = (text: string) => new TextEncoder().encode(text);
const OPUS_HEAD = ascii('OpusHead');

export interface OpusHeadInfo {
  channels: number;
  /** Samples (at 48 kHz) the decoder must drop from the start: the encoder's look-ahead. */
  preSkip: number;
}

/**
 * Reads and checks an OpusHead (a WebM track's CodecPrivate holds exactly this packet). Returns
 * undefined when it is not one a decoder would accept, so the caller can synthesise instead.
 */
export function parseOpusHead(bytes: Uint8Array): OpusHeadInfo | undefined {
  if (bytes.length < 19 || !OPUS_HEAD.every((b, i) => bytes[i] === b)) return undefined;
  // Only the major version (high nibble) breaks compatibility; minor versions add fields.
  if (bytes[8]! >> 4 !== 0) return undefined;
  const channels = bytes[9]!;
  const family = bytes[18]!;
  if (channels === 0) return undefined;
  // Family 0 is mono/stereo with no mapping table; other families carry one byte per channel.
  if (family === 0 ? channels > 2 : bytes.length < 21 + channels) return undefined;
  return { channels, preSkip: bytes[10]! | (bytes[11]! << 8) };
}

/**
 * Builds an OpusHead for a track that came without one. Only mapping family 0 can be
 * synthesised: more than two channels need stream counts that only the encoder knows.
 */
export function buildOpusHead(channels: number, preSkip: number, inputSampleRate: number): Uint8Array {
  if (channels < 1 || channels > 2) {
    throw new Error(`Cannot describe a ${channels}-channel Opus track without its CodecPrivate OpusHead`);
  }
  const out = new Uint8Array(19);
  const view = new DataView(out.buffer);
  out.set(OPUS_HEAD);
  out[8] = 1; // Version.
  out[9] = channels;
  view.setUint16(10, Math.min(0xffff, Math.max(0, Math.round(preSkip))), true);
  // Informational only (the decoder always runs at 48 kHz); 0 means "unspecified".
  view.setUint32(12, Number.isFinite(inputSampleRate) ? Math.max(0, Math.round(inputSampleRate)) : 0, true);
  view.setInt16(16, 0, true); // Output gain.
  out[18] = 0; // Channel mapping family: mono or stereo.
  return out;
}

/** An OpusTags packet with a vendor string and no user comments. */
export function buildOpusTags(vendor: string): Uint8Array {
  const vendorBytes = ascii(vendor);
  const out = new Uint8Array(8 + 4 + vendorBytes.length + 4);
  const view = new DataView(out.buffer);
  out.set(ascii('OpusTags'));
  view.setUint32(8, vendorBytes.length, true);
  out.set(vendorBytes, 12);
  view.setUint32(12 + vendorBytes.length, 0, true); // User comment list length.
  return out;
}
