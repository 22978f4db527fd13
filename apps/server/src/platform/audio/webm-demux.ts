import {
  EbmlId,
  EbmlSyntaxError,
  type ElementHeader,
  readElementHeader,
  readFloat,
  readInt,
  readString,
  readUint,
} from './ebml-reader';
import { type MatroskaBlock, parseBlock } from './matroska-block';

/**
 * Pulls the Opus packets out of a WebM/Matroska file without decoding them. Written for what
 * MediaRecorder produces (an unknown-size Segment of unknown-size Clusters, no Cues, possibly
 * cut off mid-cluster) but reads ordinary seekable files as well.
 */

export interface OpusTrack {
  number: number;
  /** The OpusHead packet, when the muxer stored one (Chromium and ffmpeg always do). */
  codecPrivate?: Uint8Array;
  channels: number;
  samplingFrequency: number;
  /** Matroska CodecDelay in nanoseconds: the pre-skip, when there is no OpusHead to say it. */
  codecDelayNs: number;
}

export interface WebmOpusAudio {
  track: OpusTrack;
  /** The track's Opus packets in file order, as views into the input. */
  packets: Uint8Array[];
  /** DiscardPadding (ns) of the track's last block: samples to trim from the very end. */
  endPaddingNs: number;
  /** True when the file ended inside an element and the incomplete tail was dropped. */
  truncated: boolean;
}

interface TrackEntry extends OpusTrack {
  codecId: string;
  type: number;
  encoded: boolean;
}

interface Demux {
  bytes: Uint8Array;
  truncated: boolean;
  tracks: TrackEntry[];
  tracksComplete: boolean;
  blocks: { block: MatroskaBlock; discardPaddingNs: number }[];
}

/** Levels 0 and 1: the elements that end an unknown-size Segment or Cluster (RFC 8794 6.2). */
const TOP_LEVEL = new Set<number>([EbmlId.ebml, EbmlId.segment]);
const SEGMENT_CHILDREN = new Set<number>([
  EbmlId.seekHead,
  EbmlId.info,
  EbmlId.tracks,
  EbmlId.cluster,
  EbmlId.cues,
  EbmlId.chapters,
  EbmlId.tags,
  EbmlId.attachments,
]);

type Visitor = (header: ElementHeader, dataEnd: number, partial: boolean) => number | undefined;

/**
 * Visits the children of a master element whose payload spans [start, end). For an
 * unknown-size parent, `endsParent` says which IDs mark its end (a sibling or an ancestor).
 * A visitor may return where the child really ended (needed for unknown-size children).
 * Returns the offset where the parent ended.
 */
function forEachChild(
  d: Demux,
  start: number,
  end: number,
  endsParent: ((id: number) => boolean) | undefined,
  visit: Visitor,
): number {
  let pos = start;
  while (pos < end) {
    let header: ElementHeader | undefined;
    try {
      header = readElementHeader(d.bytes, pos, end);
    } catch (err) {
      // Garbage where an element should start: a damaged tail. Keep what came before it.
      if (!(err instanceof EbmlSyntaxError)) throw err;
      d.truncated = true;
      return end;
    }
    if (!header) {
      d.truncated = true;
      return end;
    }
    if (endsParent?.(header.id)) return pos;
    if (header.size === null) {
      // Matroska allows an unknown size only on Segment and Cluster; the visitor finds the end.
      if (header.id !== EbmlId.cluster) {
        d.truncated = true;
        return end;
      }
      pos = visit(header, end, false) ?? end;
      continue;
    }
    const declaredEnd = header.dataStart + header.size;
    const partial = declaredEnd > end;
    if (partial) d.truncated = true;
    const dataEnd = partial ? end : declaredEnd;
    pos = visit(header, dataEnd, partial) ?? dataEnd;
  }
  return pos;
}

/** Demuxes `bytes`, throwing an Error that says why when it holds no usable Opus audio. */
export function demuxWebmOpus(bytes: Uint8Array): WebmOpusAudio {
  const d: Demux = { bytes, truncated: false, tracks: [], tracksComplete: false, blocks: [] };
  const segment = readSegmentHeader(d);
  const segmentEnd = segment.size === null ? bytes.length : segment.dataStart + segment.size;
  if (segmentEnd > bytes.length) d.truncated = true;
  forEachChild(
    d,
    segment.dataStart,
    Math.min(segmentEnd, bytes.length),
    // A live-written Segment runs to the end of the file, or to a chained next EBML stream.
    segment.size === null ? (id) => TOP_LEVEL.has(id) : undefined,
    (h, dataEnd, partial) => {
      if (h.id === EbmlId.tracks) readTracks(d, h, dataEnd, partial);
      else if (h.id === EbmlId.cluster) return readCluster(d, h, dataEnd);
      return undefined;
    },
  );

  const track = d.tracks.find((t) => t.codecId === 'A_OPUS' && (t.type === 2 || t.type === 0));
  if (!track) {
    if (!d.tracksComplete && d.truncated) throw new Error('WebM file is truncated before its track list');
    const found = d.tracks.map((t) => t.codecId || '(no codec)').join(', ') || 'no tracks';
    throw new Error(`WebM file has no Opus audio track (found: ${found})`);
  }
  if (track.encoded) {
    // Header stripping or encryption would need undoing before the packets are valid Opus.
    throw new Error(
      'WebM Opus track uses ContentEncoding (compression or encryption), which is not supported',
    );
  }
  const packets: Uint8Array[] = [];
  let endPaddingNs = 0;
  for (const { block, discardPaddingNs } of d.blocks) {
    if (block.track !== track.number) continue;
    // Matroska may store a zero-length frame; Opus has no such packet, so it carries nothing.
    for (const frame of block.frames) if (frame.length > 0) packets.push(frame);
    endPaddingNs = discardPaddingNs;
  }
  if (packets.length === 0) {
    throw new Error(
      d.truncated ? 'WebM file is truncated before any Opus audio' : 'WebM file has no Opus audio packets',
    );
  }
  const { encoded: _e, codecId: _c, type: _t, ...opus } = track;
  return { track: opus, packets, endPaddingNs, truncated: d.truncated };
}

/** Checks the EBML header says WebM/Matroska and returns the header of the first Segment. */
function readSegmentHeader(d: Demux): ElementHeader {
  const { bytes } = d;
  const notWebm = (why: string) => new Error(`Not a WebM file: ${why}`);
  let ebml: ElementHeader | undefined;
  try {
    ebml = readElementHeader(bytes, 0);
  } catch {
    throw notWebm('it does not start with an EBML header');
  }
  if (!ebml || ebml.id !== EbmlId.ebml) throw notWebm('it does not start with an EBML header');
  if (ebml.size === null || ebml.dataStart + ebml.size > bytes.length) {
    throw new Error('WebM file is truncated inside its EBML header');
  }
  const ebmlEnd = ebml.dataStart + ebml.size;
  let docType = 'matroska'; // The EBML default when DocType is absent.
  forEachChild(d, ebml.dataStart, ebmlEnd, undefined, (h, end) => {
    if (h.id === EbmlId.docType) docType = readString(bytes, h.dataStart, end);
    return undefined;
  });
  if (docType !== 'webm' && docType !== 'matroska') throw notWebm(`its DocType is "${docType}"`);

  // Only Void/CRC elements may sit between the EBML header and the Segment; skip whatever does.
  let pos = ebmlEnd;
  for (;;) {
    let h: ElementHeader | undefined;
    try {
      h = readElementHeader(bytes, pos);
    } catch {
      throw notWebm(`unexpected bytes at ${pos} where the Segment should start`);
    }
    if (!h) throw new Error('WebM file is truncated before its Segment');
    if (h.id === EbmlId.segment) return h;
    if (h.size === null) throw notWebm(`unexpected element 0x${h.id.toString(16)} before the Segment`);
    pos = h.dataStart + h.size;
  }
}

function readTracks(d: Demux, tracks: ElementHeader, end: number, partial: boolean): void {
  const { bytes } = d;
  forEachChild(d, tracks.dataStart, end, undefined, (entry, entryEnd, entryPartial) => {
    // A TrackEntry cut short may have lost its CodecPrivate: not safe to use.
    if (entry.id !== EbmlId.trackEntry || entryPartial) return undefined;
    const t: TrackEntry = {
      number: 0,
      type: 0,
      codecId: '',
      channels: 1, // Matroska defaults.
      samplingFrequency: 8000,
      codecDelayNs: 0,
      encoded: false,
    };
    forEachChild(d, entry.dataStart, entryEnd, undefined, (h, e) => {
      const s = h.dataStart;
      if (h.id === EbmlId.trackNumber) t.number = readUint(bytes, s, e);
      else if (h.id === EbmlId.trackType) t.type = readUint(bytes, s, e);
      else if (h.id === EbmlId.codecId) t.codecId = readString(bytes, s, e);
      else if (h.id === EbmlId.codecPrivate) t.codecPrivate = bytes.subarray(s, e);
      else if (h.id === EbmlId.codecDelay) t.codecDelayNs = readUint(bytes, s, e);
      else if (h.id === EbmlId.contentEncodings) t.encoded = true;
      else if (h.id === EbmlId.audio) {
        forEachChild(d, s, e, undefined, (a, ae) => {
          if (a.id === EbmlId.channels) t.channels = readUint(bytes, a.dataStart, ae);
          else if (a.id === EbmlId.samplingFrequency) t.samplingFrequency = readFloat(bytes, a.dataStart, ae);
          return undefined;
        });
      }
      return undefined;
    });
    d.tracks.push(t);
    return undefined;
  });
  if (!partial) d.tracksComplete = true;
}

/** Reads one Cluster and returns where it ended (found by scanning when its size is unknown). */
function readCluster(d: Demux, cluster: ElementHeader, end: number): number {
  const { bytes } = d;
  return forEachChild(
    d,
    cluster.dataStart,
    end,
    // A live-written Cluster ends where the next Cluster (or any Segment-level element) begins.
    cluster.size === null ? (id) => TOP_LEVEL.has(id) || SEGMENT_CHILDREN.has(id) : undefined,
    (h, dataEnd, partial) => {
      // A block cut off by the end of the file is lost; everything before it is kept.
      if (partial) return undefined;
      if (h.id === EbmlId.simpleBlock) {
        d.blocks.push({ block: parseBlock(bytes, h.dataStart, dataEnd), discardPaddingNs: 0 });
      } else if (h.id === EbmlId.blockGroup) {
        let block: MatroskaBlock | undefined;
        let discardPaddingNs = 0;
        forEachChild(d, h.dataStart, dataEnd, undefined, (g, ge, gPartial) => {
          if (g.id === EbmlId.block && !gPartial) block = parseBlock(bytes, g.dataStart, ge);
          else if (g.id === EbmlId.discardPadding) discardPaddingNs = readInt(bytes, g.dataStart, ge);
          return undefined;
        });
        if (block) d.blocks.push({ block, discardPaddingNs });
      }
      return undefined;
    },
  );
}
