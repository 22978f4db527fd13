import type { SendMessageRequest } from '@charla/contracts';
import { Mic } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import type { MicrophoneProblem } from './recorder-mime';
import { voiceFileName } from './recorder-mime';
import { UploadError, uploadMedia } from './upload-media';
import { type Recording, useVoiceRecorder } from './use-voice-recorder';
import { VoiceRecorderBar } from './voice-recorder-bar';

type VoiceButtonProps = {
  conversationId: string;
  onRecordingChange: (isRecording: boolean) => void;
  onSend: (request: SendMessageRequest) => Promise<unknown>;
};

/** Held this long, releasing the mic sends at once (walkie-talkie); a shorter press is a click. */
const holdMs = 400;

/**
 * The mic where the send button is when the box is empty. Click to record (then stop to
 * listen, or send), or hold and release to send; the server turns WebM into Ogg/Opus.
 */
export function VoiceButton({ conversationId, onRecordingChange, onSend }: VoiceButtonProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const recorder = useVoiceRecorder();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pressedAt = useRef(0);
  const { state } = recorder;
  const isActive = state.status === 'starting' || state.status === 'recording' || state.status === 'recorded';

  useEffect(() => onRecordingChange(isActive), [isActive, onRecordingChange]);

  const problems: Record<MicrophoneProblem, string> = {
    denied: t('inbox.voice.denied'),
    notFound: t('inbox.voice.notFound'),
    insecure: t('inbox.voice.insecure'),
    unsupported: t('inbox.voice.unsupported'),
    busy: t('inbox.voice.busy'),
    unknown: t('inbox.voice.unknown'),
  };

  const upload = async (recording: Recording) => {
    setError(null);
    setProgress(0);
    try {
      const uploaded = await uploadMedia({
        conversationId,
        file: recording.blob,
        filename: voiceFileName(recording.blob.type),
        onProgress: setProgress,
      });
      await onSend({ type: 'media', mediaId: uploaded.id, voice: true });
      recorder.reset();
    } catch (cause) {
      const failure = cause instanceof UploadError ? cause.failure : null;
      setError(
        failure?.kind === 'refused' && failure.message
          ? failure.message
          : failure?.kind === 'network'
            ? t('errors.network')
            : errorMessage(cause),
      );
    } finally {
      setProgress(null);
    }
  };

  const sendNow = async () => {
    const recording = state.status === 'recorded' ? state.recording : await recorder.stop();
    if (recording) await upload(recording);
  };

  const begin = (isPointer: boolean) => {
    if (state.status !== 'idle' && state.status !== 'failed') return;
    setError(null);
    pressedAt.current = Date.now();
    void recorder.start();
    if (!isPointer) return;
    // The button is replaced by the recorder bar, so listen for the release on the window.
    window.addEventListener(
      'pointerup',
      () => {
        if (Date.now() - pressedAt.current >= holdMs) void recorder.stop().then((r) => r && upload(r));
      },
      { once: true },
    );
  };

  if (isActive) {
    return (
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <VoiceRecorderBar
          state={state}
          progress={progress}
          onStop={() => void recorder.stop()}
          onCancel={() => {
            setError(null);
            recorder.reset();
          }}
          onSend={() => void sendNow()}
        />
      </div>
    );
  }

  return (
    <div className="relative">
      {state.status === 'failed' ? (
        <div className="absolute right-0 bottom-full mb-2 w-72" data-testid="voice-problem">
          <Alert tone="warning">{problems[state.problem]}</Alert>
        </div>
      ) : null}
      <Button
        size="icon"
        className="size-11 rounded-full"
        aria-label={t('inbox.voice.record')}
        title={t('inbox.voice.recordHint')}
        data-testid="voice-record"
        onPointerDown={(event) => {
          if (event.button === 0) begin(true);
        }}
        // Keyboard (Enter/Space) clicks have no pointer press before them.
        onClick={(event) => {
          if (event.detail === 0) begin(false);
        }}
      >
        <Mic aria-hidden className="size-5" />
      </Button>
    </div>
  );
}
