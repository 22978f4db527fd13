import { describe, expect, it } from 'vitest';
import { oggCrc32 } from './ogg-crc';
import { opusPacketSamples } from './opus-toc';

const toc = (config: number, code: number) => (config << 3) | code;

describe('opusPacketSamples', () => {
  it('knows each mode’s frame durations (RFC 6716 table 2)', () => {
    expect(opusPacketSamples(Uint8Array.of(toc(0, 0)))).toBe(480); // SILK NB 10 ms
    expect(opusPacketSamples(Uint8Array.of(toc(11, 0)))).toBe(2880); // SILK WB 60 ms
    expect(opusPacketSamples(Uint8Array.of(toc(13, 0)))).toBe(960); // Hybrid SWB 20 ms
    expect(opusPacketSamples(Uint8Array.of(toc(16, 0)))).toBe(120); // CELT NB 2.5 ms
    expect(opusPacketSamples(Uint8Array.of(toc(31, 0)))).toBe(960); // CELT FB 20 ms
  });

  it('counts frames per code 0-3', () => {
    expect(opusPacketSamples(Uint8Array.of(toc(31, 1)))).toBe(1920);
    expect(opusPacketSamples(Uint8Array.of(toc(31, 2)))).toBe(1920);
    // What Chromium sends: code 3, three 20 ms frames (the VBR/padding bits are ignored).
    expect(opusPacketSamples(Uint8Array.of(toc(31, 3), 0x83))).toBe(2880);
  });

  it('rejects packets that are not valid Opus', () => {
    expect(opusPacketSamples(new Uint8Array())).toBeUndefined();
    expect(opusPacketSamples(Uint8Array.of(toc(31, 3)))).toBeUndefined(); // No frame count.
    expect(opusPacketSamples(Uint8Array.of(toc(31, 3), 0))).toBeUndefined(); // Zero frames.
    expect(opusPacketSamples(Uint8Array.of(toc(3, 3), 3))).toBeUndefined(); // 180 ms > 120 ms.
  });
});

describe('oggCrc32', () => {
  it('is the unreflected 0x04C11DB7 CRC with zero init and no final XOR', () => {
    // CRC-32/CKSUM's check value 0x765E7680 before its final XOR with 0xFFFFFFFF.
    expect(oggCrc32(new TextEncoder().encode('123456789'))).toBe(0x89a1897f);
  });
});
