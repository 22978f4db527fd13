import { existsSync, readFileSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oggDurationSeconds, remuxWebmOpusToOgg } from './webm-opus-to-ogg';

// The real proof that the Ogg is valid: a browser's Opus decoder plays it. Chromium starts in
// well under a second, so this stays in the unit suite, and skips where there is no Chromium.
const CHROMIUM = '/usr/bin/chromium';

interface Decoded {
  /** From AudioContext.decodeAudioData: the full decode. */
  decodedSeconds: number;
  channels: number;
  /** The first channel's PCM, for comparing the two containers sample by sample. */
  pcm: number[];
  /** From an <audio> element: the demuxer's idea of the length (Infinity for live WebM). */
  elementSeconds: number | null;
}

// Runs inside the page. A string, because the server's tsconfig has no DOM types.
const DECODE_IN_PAGE = `async ({ base64, type }) => {
  const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const buffer = await new OfflineAudioContext(1, 1, 48000).decodeAudioData(data.slice().buffer);
  const audio = new Audio(URL.createObjectURL(new Blob([data], { type })));
  const elementSeconds = await new Promise((resolve) => {
    audio.onloadedmetadata = () => resolve(audio.duration);
    audio.onerror = () => resolve(null);
  });
  return {
    decodedSeconds: buffer.duration,
    channels: buffer.numberOfChannels,
    pcm: Array.from(buffer.getChannelData(0)),
    elementSeconds,
  };
}`;

describe.skipIf(!existsSync(CHROMIUM))('Chromium plays the remuxed Ogg', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const decode = async (bytes: Uint8Array, type: string): Promise<Decoded> => {
    const page = await browser.newPage();
    try {
      const args = JSON.stringify({ base64: Buffer.from(bytes).toString('base64'), type });
      return (await page.evaluate(`(${DECODE_IN_PAGE})(${args})`)) as Decoded;
    } finally {
      await page.close();
    }
  };

  it('decodes to the same audio as the WebM it came from', { timeout: 20_000 }, async () => {
    const webm = new Uint8Array(readFileSync(new URL('./fixtures/recording.webm', import.meta.url)));
    const ogg = remuxWebmOpusToOgg(webm);
    const [fromWebm, fromOgg] = await Promise.all([decode(webm, 'audio/webm'), decode(ogg, 'audio/ogg')]);

    expect(fromOgg.channels).toBe(1);
    expect(fromOgg.decodedSeconds).toBeCloseTo(fromWebm.decodedSeconds, 2);
    expect(fromOgg.decodedSeconds).toBeCloseTo(oggDurationSeconds(ogg), 2);
    expect(fromOgg.elementSeconds).toBeCloseTo(oggDurationSeconds(ogg), 2);
    // Same packets through the same decoder: the PCM matches, so nothing was lost or shifted.
    expect(fromOgg.pcm.length).toBe(fromWebm.pcm.length);
    let maxDiff = 0;
    for (const [i, v] of fromOgg.pcm.entries()) maxDiff = Math.max(maxDiff, Math.abs(v - fromWebm.pcm[i]!));
    expect(maxDiff).toBeLessThan(1e-6);
  });
});
