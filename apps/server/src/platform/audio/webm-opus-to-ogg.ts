import { oggCrc32 } from './ogg-crc';
import { type OggPacketInput, writeOggStream } from './ogg-writer';
import { buildOpusHead, buildOpusTags, parseOpusHead } from './opus-headers';
import { opusPacketSamples } from './opus-toc';
import { demuxWebmOpus } from './webm-demux';

export { isOggOpus, oggDurationSeconds } from './ogg-reader';

/**
 * WhatsApp accepts voice notes only as Ogg Opus, while Chromium's MediaRecorder records WebM
 * Opus. The Opus packets are the same in both containers, so this moves them from one to the
 * other (RFC 7845 framing) without re-encoding: no quality loss, no native dependency.
 */

/** Cap each page at about a second of audio, as opusenc does, so seeking stays fine-grained. */
const MAX_PAGE_SAMPLES = 48_000;
const VENDOR = 'Charla';

const nsToSamples = (ns: number) => Math.round((ns * 48_000) / 1e9);

/**
 * Rewraps the Opus track of a WebM file (as MediaRecorder writes it) as an Ogg Opus stream.
 * A file cut off mid-cluster is converted up to its last complete block. Throws an Error saying
 * why for input that is not WebM, has no Opus track, or holds no complete audio at all.
 */
export function remuxWebmOpusToOgg(bytes: Uint8Array): Uint8Array {
  const { track, packets, endPaddingNs } = demuxWebmOpus(bytes);

  // The CodecPrivate is the OpusHead itself; only a muxer that left it out needs one built.
  const head =
    track.codecPrivate && parseOpusHead(track.codecPrivate)
      ? track.codecPrivate
      : buildOpusHead(track.channels, nsToSamples(track.codecDelayNs), track.samplingFrequency);

  // RFC 7845 section 3: OpusHead alone on the first page, OpusTags finishing the next, then audio.
  const out: OggPacketInput[] = [
    { data: head, granule: 0n, flushAfter: true },
    { data: buildOpusTags(VENDOR), granule: 0n, flushAfter: true },
  ];
  let granule = 0n;
  let onPage = 0;
  let lastSamples = 0;
  for (const [i, packet] of packets.entries()) {
    const samples = opusPacketSamples(packet);
    if (samples === undefined) {
      throw new Error(
        `Opus packet ${i} in the WebM file is malformed (TOC byte 0x${packet[0]!.toString(16)})`,
      );
    }
    // Granule positions count 48 kHz samples decoded so far, whatever the input rate was.
    granule += BigInt(samples);
    onPage += samples;
    const flushAfter = onPage >= MAX_PAGE_SAMPLES;
    if (flushAfter) onPage = 0;
    out.push({ data: packet, granule, flushAfter });
    lastSamples = samples;
  }

  // Matroska's DiscardPadding on the last block becomes Ogg end trimming: a final granule
  // position short of the decoded sample count. It may only trim within the last packet.
  const trim = Math.min(Math.max(0, nsToSamples(endPaddingNs)), lastSamples);
  if (trim > 0) out[out.length - 1]!.granule -= BigInt(trim);

  // Any serial is unique in a single-stream file; deriving it from the input keeps the function
  // pure (same WebM in, same Ogg out), which makes retries and caching predictable.
  return writeOggStream(oggCrc32(bytes), out);
}
