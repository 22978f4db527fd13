import { Headphones, Mic, Pause, Play } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { formatDuration } from './media-format';

/** Like a phone, one recording plays at a time: starting another pauses this one. */
let playingNow: HTMLAudioElement | null = null;
const speeds = [1, 1.5, 2] as const;

type AudioBarProps = {
  src: string;
  isVoice: boolean;
  testId: string;
  /** What is playing, for screen readers ("Voice message", a file name). */
  label: string;
  downloadName: string | null;
};

/**
 * WhatsApp's audio row: play/pause, a seekable progress bar and the time. The `<audio>` element
 * underneath does the playing; voice notes also get the 1×/1.5×/2× speed switch.
 */
export function AudioBar({ src, isVoice, testId, label, downloadName }: AudioBarProps) {
  const { t } = useTranslation();
  const audioRef = useRef<HTMLAudioElement>(null);
  const [isPlaying, setIsPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState(0);
  const [speed, setSpeed] = useState<(typeof speeds)[number]>(1);
  const [cannotPlay, setCannotPlay] = useState(false);
  const isProbingRef = useRef(false);

  const onToggle = () => {
    const audio = audioRef.current;
    if (!audio) return;
    if (isProbingRef.current) {
      isProbingRef.current = false;
      audio.currentTime = 0;
    }
    if (audio.paused) audio.play().catch(() => setCannotPlay(true));
    else audio.pause();
  };
  const onPlay = () => {
    const audio = audioRef.current;
    if (playingNow && playingNow !== audio) playingNow.pause();
    playingNow = audio;
    setIsPlaying(true);
  };
  const onDuration = () => {
    const audio = audioRef.current;
    if (!audio) return;
    if (Number.isFinite(audio.duration)) {
      setDuration(audio.duration);
      if (isProbingRef.current) {
        isProbingRef.current = false;
        audio.currentTime = 0;
      }
    } else if (audio.duration === Number.POSITIVE_INFINITY && !isProbingRef.current && audio.paused) {
      // Ogg voice notes often carry no length: seeking past the end makes the browser measure it.
      isProbingRef.current = true;
      audio.currentTime = 1e7;
    }
  };
  const onEnded = () => {
    setIsPlaying(false);
    setPosition(0);
    if (audioRef.current) audioRef.current.currentTime = 0;
  };
  const onSeek = (value: number) => {
    if (audioRef.current) audioRef.current.currentTime = value;
    setPosition(value);
  };
  const onSpeed = () => {
    const next = speeds[(speeds.indexOf(speed) + 1) % speeds.length] ?? 1;
    if (audioRef.current) audioRef.current.playbackRate = next;
    setSpeed(next);
  };

  const shownTime = isPlaying || position > 0 ? position : Math.round(duration);
  const Badge = isVoice ? Mic : Headphones;

  return (
    <div data-testid={testId} data-playing={isPlaying} className="w-72 max-w-full">
      <div className="flex items-center gap-2 py-1">
        {isVoice ? null : <AudioBadge icon={Badge} className="bg-orange-500" />}
        <button
          type="button"
          onClick={onToggle}
          data-testid="audio-toggle"
          aria-label={`${isPlaying ? t('inbox.media.pause') : t('inbox.media.play')}: ${label}`}
          className="flex size-9 shrink-0 items-center justify-center rounded-full text-neutral-600 hover:bg-black/5 dark:text-neutral-300 dark:hover:bg-white/10"
        >
          {isPlaying ? (
            <Pause aria-hidden className="size-6 fill-current" />
          ) : (
            <Play aria-hidden className="size-6 fill-current" />
          )}
        </button>
        <div className="min-w-0 flex-1 pt-2">
          <input
            type="range"
            min={0}
            max={duration || 1}
            step={0.01}
            value={duration ? Math.min(position, duration) : 0}
            disabled={!duration}
            onChange={(event) => onSeek(Number(event.target.value))}
            aria-label={t('inbox.media.position')}
            aria-valuetext={formatDuration(position)}
            className="block h-1 w-full cursor-pointer accent-brand-600 disabled:cursor-default"
          />
          <div className="mt-1 flex items-center justify-between text-[11px] text-neutral-500 tabular-nums dark:text-neutral-400">
            <span data-testid="audio-time">{formatDuration(shownTime)}</span>
            {isVoice ? (
              <button
                type="button"
                onClick={onSpeed}
                aria-label={t('inbox.media.speed', { rate: speed })}
                className="rounded-full bg-black/10 px-1.5 font-semibold text-neutral-700 hover:bg-black/15 dark:bg-white/15 dark:text-neutral-200"
              >
                {speed}×
              </button>
            ) : null}
          </div>
        </div>
        {isVoice ? <AudioBadge icon={Badge} className="bg-brand-600" /> : null}
      </div>
      {cannotPlay ? (
        <p role="note" className="pb-1 text-xs text-red-700 dark:text-red-300">
          {t('inbox.media.cannotPlay')}{' '}
          <a href={src} download={downloadName ?? ''} className="font-medium underline">
            {t('inbox.media.download')}
          </a>
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/useMediaCaption: WhatsApp audio has no caption track */}
      <audio
        ref={audioRef}
        src={src}
        preload="metadata"
        onPlay={onPlay}
        onPause={() => setIsPlaying(false)}
        onEnded={onEnded}
        onLoadedMetadata={onDuration}
        onDurationChange={onDuration}
        onTimeUpdate={() => {
          if (!isProbingRef.current) setPosition(audioRef.current?.currentTime ?? 0);
        }}
        onError={() => setCannotPlay(true)}
      />
    </div>
  );
}

function AudioBadge({ icon: Icon, className }: { icon: typeof Mic; className: string }) {
  return (
    <span
      aria-hidden
      className={cn('flex size-11 shrink-0 items-center justify-center rounded-full text-white', className)}
    >
      <Icon className="size-5" />
    </span>
  );
}
