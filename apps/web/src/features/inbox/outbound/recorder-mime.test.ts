import { describe, expect, it } from 'vitest';
import { chooseRecorderMime, microphoneProblem, voiceFileName } from './recorder-mime';

const supports =
  (...types: string[]) =>
  (mime: string) =>
    types.includes(mime);

describe('voice note recording format', () => {
  it('prefers Ogg/Opus, what WhatsApp plays as a voice note', () => {
    expect(chooseRecorderMime(supports('audio/webm;codecs=opus', 'audio/ogg;codecs=opus'))).toBe(
      'audio/ogg;codecs=opus',
    );
  });

  it('takes WebM/Opus in Chromium (the server rewraps it)', () => {
    expect(chooseRecorderMime(supports('audio/webm', 'audio/webm;codecs=opus'))).toBe(
      'audio/webm;codecs=opus',
    );
  });

  it('falls back to MP4 audio (Safari) and to the browser default when nothing matches', () => {
    expect(chooseRecorderMime(supports('audio/mp4'))).toBe('audio/mp4');
    expect(chooseRecorderMime(supports())).toBeNull();
  });

  it('skips types the browser throws on', () => {
    expect(
      chooseRecorderMime((mime) => {
        if (mime.startsWith('audio/ogg')) throw new Error('unknown');
        return mime === 'audio/webm;codecs=opus';
      }),
    ).toBe('audio/webm;codecs=opus');
  });

  it('names the file after what was recorded', () => {
    const at = new Date('2025-03-01T10:20:30Z');
    expect(voiceFileName('audio/ogg;codecs=opus', at)).toBe('voice-2025-03-01-10-20-30.ogg');
    expect(voiceFileName('audio/webm;codecs=opus', at)).toBe('voice-2025-03-01-10-20-30.webm');
    expect(voiceFileName('audio/mp4', at)).toBe('voice-2025-03-01-10-20-30.m4a');
  });

  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotFoundError', 'notFound'],
    ['NotReadableError', 'busy'],
    ['TypeError', 'unknown'],
  ])('explains %s as %s', (name, problem) => {
    expect(microphoneProblem(new DOMException('x', name))).toBe(problem);
  });
});
