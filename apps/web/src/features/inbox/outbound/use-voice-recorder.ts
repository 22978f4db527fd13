import { useCallback, useEffect, useRef, useState } from 'react';
import { chooseRecorderMime, type MicrophoneProblem, microphoneProblem } from './recorder-mime';

export type Recording = { blob: Blob; url: string; seconds: number };
export type RecorderState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'recording'; startedAt: number }
  | { status: 'recorded'; recording: Recording }
  | { status: 'failed'; problem: MicrophoneProblem };

/** WhatsApp takes audio up to 16 MB; at Opus's ~32 kbit/s that is hours, so cap at a sane length. */
const maxSeconds = 15 * 60;

/**
 * MediaRecorder around the microphone. `stop()` resolves with the recording so a "hold to talk"
 * release can send it at once; tracks are always stopped so the browser's mic light goes off.
 */
export function useVoiceRecorder() {
  const [state, setState] = useState<RecorderState>({ status: 'idle' });
  const recorderRef = useRef<MediaRecorder | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const chunksRef = useRef<Blob[]>([]);
  const startedAtRef = useRef(0);
  const stopWaitersRef = useRef<Array<(recording: Recording | null) => void>>([]);
  const urlRef = useRef<string | null>(null);

  const releaseStream = useCallback(() => {
    for (const track of streamRef.current?.getTracks() ?? []) track.stop();
    streamRef.current = null;
  }, []);

  const releaseUrl = useCallback(() => {
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = null;
  }, []);

  const start = useCallback(async () => {
    if (recorderRef.current) return;
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({ status: 'failed', problem: window.isSecureContext ? 'unsupported' : 'insecure' });
      return;
    }
    if (typeof MediaRecorder === 'undefined') {
      setState({ status: 'failed', problem: 'unsupported' });
      return;
    }
    setState({ status: 'starting' });
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      setState({ status: 'failed', problem: microphoneProblem(error) });
      return;
    }
    const mimeType = chooseRecorderMime((mime) => MediaRecorder.isTypeSupported(mime));
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    streamRef.current = stream;
    recorderRef.current = recorder;
    chunksRef.current = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunksRef.current.push(event.data);
    };
    recorder.onstop = () => {
      releaseStream();
      recorderRef.current = null;
      const type = recorder.mimeType || mimeType || 'audio/webm';
      const blob = new Blob(chunksRef.current, { type });
      const waiters = stopWaitersRef.current.splice(0);
      if (blob.size === 0) {
        setState({ status: 'idle' });
        for (const resolve of waiters) resolve(null);
        return;
      }
      releaseUrl();
      const url = URL.createObjectURL(blob);
      urlRef.current = url;
      const recording = { blob, url, seconds: (Date.now() - startedAtRef.current) / 1000 };
      setState({ status: 'recorded', recording });
      for (const resolve of waiters) resolve(recording);
    };
    startedAtRef.current = Date.now();
    recorder.start(250);
    setState({ status: 'recording', startedAt: startedAtRef.current });
  }, [releaseStream, releaseUrl]);

  const stop = useCallback((): Promise<Recording | null> => {
    const recorder = recorderRef.current;
    if (!recorder || recorder.state === 'inactive') return Promise.resolve(null);
    return new Promise((resolve) => {
      stopWaitersRef.current.push(resolve);
      recorder.stop();
    });
  }, []);

  const reset = useCallback(() => {
    const recorder = recorderRef.current;
    if (recorder && recorder.state !== 'inactive') {
      recorder.onstop = null;
      recorder.stop();
    }
    recorderRef.current = null;
    releaseStream();
    releaseUrl();
    setState({ status: 'idle' });
  }, [releaseStream, releaseUrl]);

  useEffect(() => {
    if (state.status !== 'recording') return;
    const timer = window.setTimeout(() => void stop(), maxSeconds * 1000);
    return () => window.clearTimeout(timer);
  }, [state, stop]);

  // Leaving the conversation mid-recording turns the microphone off.
  useEffect(() => reset, [reset]);

  return { state, start, stop, reset };
}
