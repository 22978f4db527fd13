import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  audioTrack,
  cluster,
  ebmlHeader,
  el,
  ID,
  opus20ms,
  simpleBlock,
  str,
  unknownSizeEl,
  webm,
} from './fixtures/synthetic-webm';
import { readOggPages } from './ogg-reader';
import { isOggOpus, oggDurationSeconds, remuxWebmOpusToOgg } from './webm-opus-to-ogg';

// A real Chromium MediaRecorder recording ('audio/webm;codecs=opus', fake microphone, about
// 2 s, 250 ms timeslices): unknown-size Segment and Clusters, 60 ms packets, no Cues.
const recording = new Uint8Array(readFileSync(new URL('./fixtures/recording.webm', import.meta.url)));
const text = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

describe('remuxWebmOpusToOgg on a MediaRecorder recording', () => {
  const ogg = remuxWebmOpusToOgg(recording);
  const pages = readOggPages(ogg);

  it('writes an Ogg stream whose pages all check out', () => {
    expect(text(ogg.subarray(0, 4))).toBe('OggS');
    expect(isOggOpus(ogg)).toBe(true);
    // The pages account for every byte, and each CRC matches.
    const last = pages.at(-1)!;
    expect(last.body.byteOffset + last.body.length).toBe(ogg.byteOffset + ogg.length);
    for (const page of pages) expect(page.crcValid).toBe(true);
  });

  it('puts OpusHead alone on page 1 and OpusTags on page 2', () => {
    const [head, tags] = pages;
    expect(text(head!.body.subarray(0, 8))).toBe('OpusHead');
    expect(head!.lacing).toEqual([19]);
    expect(head!.headerType).toBe(0x02); // Beginning of stream.
    expect(head!.granule).toBe(0n);
    // Chromium's CodecPrivate is passed through: version 1, mono, 48 kHz input.
    expect(Array.from(head!.body.subarray(8, 10))).toEqual([1, 1]);
    expect(text(tags!.body.subarray(0, 8))).toBe('OpusTags');
    expect(text(tags!.body.subarray(12, 18))).toBe('Charla');
    expect(tags!.granule).toBe(0n);
  });

  it('numbers the pages, keeps one serial, and flags the end of the stream', () => {
    expect(pages.map((p) => p.sequence)).toEqual(pages.map((_, i) => i));
    expect(new Set(pages.map((p) => p.serial)).size).toBe(1);
    expect(pages.at(-1)!.headerType & 0x04).toBe(0x04);
    for (const page of pages.slice(0, -1)) expect(page.headerType & 0x04).toBe(0);
    // Same input, same output: the serial comes from the input, not from a random source.
    expect(remuxWebmOpusToOgg(recording)).toEqual(ogg);
  });

  it('gives audio pages increasing granule positions', () => {
    const granules = pages.slice(2).map((p) => p.granule);
    expect(granules.length).toBeGreaterThan(0);
    for (let i = 1; i < granules.length; i++) expect(granules[i]!).toBeGreaterThan(granules[i - 1]!);
  });

  it('lasts as long as the recording', () => {
    const seconds = oggDurationSeconds(ogg);
    expect(Math.abs(seconds - 2)).toBeLessThanOrEqual(0.2);
  });

  it('keeps what it can when the file ends mid-cluster', () => {
    const cut = remuxWebmOpusToOgg(recording.subarray(0, recording.length - 3000));
    expect(readOggPages(cut).every((p) => p.crcValid)).toBe(true);
    const seconds = oggDurationSeconds(cut);
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBeLessThan(oggDurationSeconds(ogg));
  });

  it('either converts or explains itself, wherever the file is cut', () => {
    for (let end = 0; end < recording.length; end += 97) {
      let out: Uint8Array;
      try {
        out = remuxWebmOpusToOgg(recording.subarray(0, end));
      } catch (err) {
        expect((err as Error).message).toMatch(/truncated|Not a WebM file/);
        continue;
      }
      expect(isOggOpus(out)).toBe(true);
      expect(readOggPages(out).every((p) => p.crcValid)).toBe(true);
    }
  });
});

describe('remuxWebmOpusToOgg errors', () => {
  it('refuses input that is not WebM', () => {
    expect(() => remuxWebmOpusToOgg(new Uint8Array())).toThrow(/Not a WebM file/);
    expect(() => remuxWebmOpusToOgg(str('RIFF....WAVEfmt '))).toThrow(/Not a WebM file/);
    // Already Ogg: a caller should check isOggOpus first.
    expect(() => remuxWebmOpusToOgg(remuxWebmOpusToOgg(recording))).toThrow(/Not a WebM file/);
    expect(() => remuxWebmOpusToOgg(ebmlHeader('mkv3d'))).toThrow(/DocType is "mkv3d"/);
  });

  it('refuses input truncated before there is audio to keep', () => {
    expect(() => remuxWebmOpusToOgg(recording.subarray(0, 20))).toThrow(/truncated inside its EBML header/);
    expect(() => remuxWebmOpusToOgg(recording.subarray(0, 100))).toThrow(/truncated before its track list/);
    const noBlocks = webm([audioTrack({})], cluster());
    expect(() => remuxWebmOpusToOgg(noBlocks)).toThrow(/no Opus audio packets/);
  });

  it('refuses a WebM whose audio is not Opus', () => {
    const vorbis = webm([audioTrack({ codecId: 'A_VORBIS' })], cluster(simpleBlock(1, [str('vorbis')])));
    expect(() => remuxWebmOpusToOgg(vorbis)).toThrow(/no Opus audio track \(found: A_VORBIS\)/);
    const noTracks = Uint8Array.from([...ebmlHeader(), ...unknownSizeEl(ID.segment, el(ID.tracks))]);
    expect(() => remuxWebmOpusToOgg(noTracks)).toThrow(/no Opus audio track \(found: no tracks\)/);
  });

  it('refuses packets whose TOC byte describes no valid Opus packet', () => {
    // Code 3 with a frame count of 0.
    const bad = webm([audioTrack({})], cluster(simpleBlock(1, [Uint8Array.of(0xff, 0x00)])));
    expect(() => remuxWebmOpusToOgg(bad)).toThrow(/Opus packet 0 .* malformed/);
    expect(remuxWebmOpusToOgg(webm([audioTrack({})], cluster(simpleBlock(1, [opus20ms(10)]))))).toBeTruthy();
  });
});
