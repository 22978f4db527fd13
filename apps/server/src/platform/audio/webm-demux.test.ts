import { describe, expect, it } from 'vitest';
import {
  audioTrack,
  blockPayload,
  cluster,
  ebmlHeader,
  el,
  ID,
  opus20ms,
  simpleBlock,
  uint,
  unknownSizeEl,
  webm,
} from './fixtures/synthetic-webm';
import { readOggPages } from './ogg-reader';
import { parseOpusHead } from './opus-headers';
import { demuxWebmOpus } from './webm-demux';
import { oggDurationSeconds, remuxWebmOpusToOgg } from './webm-opus-to-ogg';

const frames = [opus20ms(3, 1), opus20ms(300, 2), opus20ms(7, 3), opus20ms(520, 4)];

describe('demuxWebmOpus', () => {
  it.each(['xiph', 'ebml', 'fixed'] as const)('reads %s-laced blocks', (lacing) => {
    const laced = lacing === 'fixed' ? frames.map((_, i) => opus20ms(40, i)) : frames;
    const file = webm([audioTrack({})], cluster(simpleBlock(1, laced, lacing)));
    expect(demuxWebmOpus(file).packets).toEqual(laced);
  });

  it('picks the Opus track among others and ignores their blocks', () => {
    const file = webm(
      [audioTrack({ number: 1, codecId: 'V_VP8' }), audioTrack({ number: 2 })],
      cluster(simpleBlock(1, [opus20ms(9)]), simpleBlock(2, [frames[0]!]), simpleBlock(1, [opus20ms(9)])),
      cluster(simpleBlock(2, [frames[1]!])),
    );
    const { track, packets } = demuxWebmOpus(file);
    expect(track.number).toBe(2);
    expect(packets).toEqual([frames[0], frames[1]]);
  });

  it('reads known-size Segments and Clusters and BlockGroups', () => {
    const file = Uint8Array.from([
      ...ebmlHeader('matroska'),
      ...el(
        ID.segment,
        el(ID.tracks, audioTrack({})),
        el(
          ID.cluster,
          el(ID.timecode, uint(0)),
          el(ID.blockGroup, el(ID.block, blockPayload(1, [frames[2]!]))),
        ),
      ),
    ]);
    expect(demuxWebmOpus(file)).toMatchObject({ packets: [frames[2]], truncated: false });
  });

  it('drops a block cut off by the end of the file and says so', () => {
    const file = webm([audioTrack({})], cluster(simpleBlock(1, [frames[0]!]), simpleBlock(1, [frames[1]!])));
    const { packets, truncated } = demuxWebmOpus(file.subarray(0, file.length - 10));
    expect(packets).toEqual([frames[0]]);
    expect(truncated).toBe(true);
  });
});

describe('remuxWebmOpusToOgg on synthetic WebM', () => {
  it('synthesises an OpusHead from the track when CodecPrivate is missing', () => {
    // 6.5 ms of CodecDelay is 312 samples of pre-skip.
    const file = webm(
      [audioTrack({ channels: 2, codecDelayNs: 6_500_000 })],
      cluster(simpleBlock(1, [opus20ms(10)]), simpleBlock(1, [opus20ms(10)])),
    );
    const [head] = readOggPages(remuxWebmOpusToOgg(file));
    expect(parseOpusHead(head!.body)).toEqual({ channels: 2, preSkip: 312 });
    expect(oggDurationSeconds(remuxWebmOpusToOgg(file))).toBeCloseTo((2 * 960 - 312) / 48000, 6);
  });

  it('turns DiscardPadding on the last block into end trimming', () => {
    const file = webm(
      [audioTrack({})],
      cluster(
        simpleBlock(1, [opus20ms(10)]),
        el(
          ID.blockGroup,
          el(ID.block, blockPayload(1, [opus20ms(10)])),
          el(ID.discardPadding, uint(5_000_000)),
        ),
      ),
    );
    // 40 ms decoded, 5 ms (240 samples) of it padding.
    expect(oggDurationSeconds(remuxWebmOpusToOgg(file))).toBeCloseTo((1920 - 240) / 48000, 6);
  });

  it('splits big packets and long streams over pages', () => {
    const big = opus20ms(70_000); // 275 lacing values: more than one page holds.
    const many = Array.from({ length: 120 }, () => opus20ms(255)); // 2.4 s, lacing [255, 0] each.
    const file = webm(
      [audioTrack({})],
      unknownSizeEl(ID.cluster, simpleBlock(1, [big]), ...many.map((f) => simpleBlock(1, [f]))),
    );
    const pages = readOggPages(remuxWebmOpusToOgg(file));
    expect(pages.every((p) => p.crcValid && p.lacing.length <= 255)).toBe(true);
    // The big packet fills page 3 and ends on page 4, which is marked as a continuation.
    expect(pages[2]!.lacing.length).toBe(255);
    expect(pages[2]!.granule).toBe(-1n);
    expect(pages[3]!.headerType & 0x01).toBe(0x01);
    expect(
      pages
        .slice(2)
        .map((p) => p.granule)
        .at(-1),
    ).toBe(121n * 960n);
    // About a second of audio per page at most.
    expect(pages.length).toBeGreaterThanOrEqual(5);
  });
});
