/**
 * The container a voice note is recorded in. WhatsApp plays voice notes only as Ogg/Opus:
 * Firefox records that directly; Chromium records WebM/Opus, which the server rewraps.
 */
export const recorderMimeCandidates = [
  'audio/ogg;codecs=opus',
  'audio/webm;codecs=opus',
  'audio/ogg',
  'audio/webm',
  'audio/mp4',
] as const;

/** The first type this browser can record, or null when it records none of them. */
export function chooseRecorderMime(isTypeSupported: (mime: string) => boolean): string | null {
  for (const mime of recorderMimeCandidates) {
    try {
      if (isTypeSupported(mime)) return mime;
    } catch {
      // Some browsers throw on types they do not know instead of answering false.
    }
  }
  return null;
}

/** A file name whose extension matches what was recorded (the server looks at both). */
export function voiceFileName(mimeType: string, at: Date = new Date()): string {
  const base = mimeType.toLowerCase().split(';')[0]?.trim() ?? '';
  const extension = base === 'audio/ogg' ? 'ogg' : base === 'audio/mp4' ? 'm4a' : 'webm';
  const stamp = at.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `voice-${stamp}.${extension}`;
}

export type MicrophoneProblem = 'denied' | 'notFound' | 'insecure' | 'unsupported' | 'busy' | 'unknown';

/** Why the microphone could not be opened, from getUserMedia's error name. */
export function microphoneProblem(error: unknown): MicrophoneProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'notFound';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'unknown';
  }
}
