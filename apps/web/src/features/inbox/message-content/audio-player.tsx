import type { Media } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { AudioBar } from './audio-bar';
import { MediaUnavailable } from './media-state';
import { readyMediaUrl } from './media-url';
import { Caption } from './message-text';

/** An attached audio file (not a recording): compact player with its name. */
export function AudioPlayer({ media, caption }: { media: Media; caption: string | null }) {
  const { t } = useTranslation();
  const src = readyMediaUrl(media);
  return (
    <div>
      {src ? (
        <AudioBar
          src={src}
          isVoice={false}
          testId="audio-player"
          label={media.filename ?? t('inbox.media.audio')}
          downloadName={media.filename}
        />
      ) : (
        <MediaUnavailable media={media} className="w-72 max-w-full" />
      )}
      {media.filename ? (
        <p className="truncate px-1 text-xs text-neutral-500 dark:text-neutral-400">{media.filename}</p>
      ) : null}
      <Caption text={caption} />
    </div>
  );
}
