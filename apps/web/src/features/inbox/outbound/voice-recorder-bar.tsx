import { SendHorizontal, Square, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { formatDuration } from '../message-content/media-format';
import type { RecorderState } from './use-voice-recorder';

type VoiceRecorderBarProps = {
  state: Extract<RecorderState, { status: 'starting' | 'recording' | 'recorded' }>;
  /** 0..1 while uploading; null otherwise. */
  progress: number | null;
  onStop: () => void;
  onCancel: () => void;
  onSend: () => void;
};

function Elapsed({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);
  return <>{formatDuration((now - startedAt) / 1000)}</>;
}

/** Takes the composer's place while recording: timer, cancel, stop to listen, send. */
export function VoiceRecorderBar({ state, progress, onStop, onCancel, onSend }: VoiceRecorderBarProps) {
  const { t } = useTranslation();
  const isUploading = progress !== null;

  return (
    <div
      className="flex items-center gap-2 rounded-2xl border border-neutral-200 bg-white px-2 py-1.5 shadow-xs dark:border-neutral-700 dark:bg-neutral-900"
      data-testid="voice-recorder"
      data-status={state.status}
    >
      <Button
        variant="ghost"
        size="icon"
        className="rounded-full text-red-600 dark:text-red-400"
        onClick={onCancel}
        disabled={isUploading}
        aria-label={t('inbox.voice.cancel')}
        title={t('inbox.voice.cancel')}
        data-testid="voice-cancel"
      >
        <Trash2 aria-hidden className="size-5" />
      </Button>
      <div className="flex min-w-0 flex-1 items-center gap-2" aria-live="polite">
        {state.status === 'recorded' ? (
          // biome-ignore lint/a11y/useMediaCaption: the agent's own voice, just recorded
          <audio
            src={state.recording.url}
            controls
            className="h-9 min-w-0 flex-1"
            data-testid="voice-preview"
          />
        ) : (
          <>
            <span className="size-2.5 shrink-0 animate-pulse rounded-full bg-red-600" aria-hidden />
            <span className="text-sm tabular-nums" data-testid="voice-timer">
              {state.status === 'recording' ? <Elapsed startedAt={state.startedAt} /> : '0:00'}
            </span>
            <span className="truncate text-sm text-neutral-500 dark:text-neutral-400">
              {state.status === 'starting' ? t('inbox.voice.starting') : t('inbox.voice.recording')}
            </span>
          </>
        )}
        {isUploading ? (
          <progress
            className="h-1.5 w-20 shrink-0 accent-brand-600"
            max={1}
            value={progress}
            aria-label={t('inbox.upload.progress')}
          />
        ) : null}
      </div>
      {state.status === 'recording' ? (
        <Button
          variant="ghost"
          size="icon"
          className="rounded-full"
          onClick={onStop}
          aria-label={t('inbox.voice.stop')}
          title={t('inbox.voice.stop')}
          data-testid="voice-stop"
        >
          <Square aria-hidden className="size-4 fill-current" />
        </Button>
      ) : null}
      <Button
        size="icon"
        className="size-10 rounded-full"
        onClick={onSend}
        isLoading={isUploading}
        disabled={state.status === 'starting'}
        aria-label={t('inbox.voice.send')}
        title={t('inbox.voice.send')}
        data-testid="voice-send"
      >
        {isUploading ? null : <SendHorizontal aria-hidden className="size-5" />}
      </Button>
    </div>
  );
}
