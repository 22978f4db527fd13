import type { Media } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { MediaUnavailable } from './media-state';
import { readyMediaUrl } from './media-url';
import { Caption } from './message-text';

type MediaVideoProps = { media: Media; caption: string | null; isAnimated: boolean };

/** A video with the browser's controls; a GIF (WhatsApp sends them as muted MP4) loops silently. */
export function MediaVideo({ media, caption, isAnimated }: MediaVideoProps) {
  const { t } = useTranslation();
  const src = readyMediaUrl(media);
  return (
    <div className="w-72 max-w-full sm:w-80">
      {src ? (
        <div className="relative">
          <video
            data-testid="media-video"
            src={src}
            controls
            preload="metadata"
            playsInline
            loop={isAnimated}
            muted={isAnimated}
            className="max-h-96 w-full rounded-lg bg-black"
          />
          {isAnimated ? (
            <span className="pointer-events-none absolute top-2 left-2 rounded bg-black/60 px-1.5 py-0.5 text-[11px] font-semibold text-white">
              {t('inbox.media.gif')}
            </span>
          ) : null}
        </div>
      ) : (
        <MediaUnavailable media={media} />
      )}
      <Caption text={caption} />
    </div>
  );
}
