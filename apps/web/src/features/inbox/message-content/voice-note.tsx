import type { Media } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { AudioBar } from './audio-bar';
import { MediaUnavailable } from './media-state';
import { readyMediaUrl } from './media-url';

/** A recorded voice message: WhatsApp's play button, progress, length and microphone badge. */
export function VoiceNote({ media }: { media: Media }) {
  const { t } = useTranslation();
  const src = readyMediaUrl(media);
  if (!src) return <MediaUnavailable media={media} className="w-72 max-w-full" />;
  return (
    <AudioBar
      src={src}
      isVoice
      testId="voice-note"
      label={t('inbox.media.voice')}
      downloadName={media.filename}
    />
  );
}
