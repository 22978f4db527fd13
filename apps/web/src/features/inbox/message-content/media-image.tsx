import type { Media } from '@charla/contracts';
import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { buttonClasses } from '../../../ui/button';
import { Dialog, DialogContent, DialogTrigger } from '../../../ui/dialog';
import { MediaUnavailable } from './media-state';
import { readyMediaUrl } from './media-url';
import { Caption } from './message-text';

type MediaImageProps = { media: Media; caption: string | null; isSticker: boolean };

/** A photo or sticker preview; clicking opens the full image with a download link. */
export function MediaImage({ media, caption, isSticker }: MediaImageProps) {
  const { t } = useTranslation();
  const src = readyMediaUrl(media);
  const label = isSticker ? t('inbox.media.sticker') : t('inbox.media.photo');

  if (!src) {
    return (
      <div className={isSticker ? 'w-40' : 'w-72 max-w-full sm:w-80'}>
        <MediaUnavailable media={media} />
        <Caption text={caption} />
      </div>
    );
  }

  return (
    <div className={isSticker ? 'w-36' : 'w-72 max-w-full sm:w-80'}>
      <Dialog>
        <DialogTrigger
          data-testid="media-image"
          data-sticker={isSticker || undefined}
          aria-label={t('inbox.media.openImage')}
          className="block w-full cursor-zoom-in overflow-hidden rounded-lg"
        >
          <img
            src={src}
            alt={caption ?? label}
            loading="lazy"
            decoding="async"
            className={
              isSticker
                ? 'size-36 object-contain'
                : 'max-h-96 min-h-24 w-full bg-neutral-200/70 object-cover dark:bg-neutral-700/60'
            }
          />
        </DialogTrigger>
        <DialogContent title={media.filename ?? label} size="xl">
          <img
            src={src}
            alt={caption ?? label}
            className="mx-auto max-h-[70dvh] w-auto max-w-full rounded-lg object-contain"
          />
          {caption ? (
            <p className="mt-3 text-sm whitespace-pre-wrap [overflow-wrap:anywhere]">{caption}</p>
          ) : null}
          <div className="mt-4 flex justify-end">
            <a
              href={src}
              download={media.filename ?? ''}
              className={buttonClasses('secondary', 'sm')}
              data-testid="media-download"
            >
              <Download aria-hidden className="size-4" />
              {t('inbox.media.download')}
            </a>
          </div>
        </DialogContent>
      </Dialog>
      <Caption text={caption} />
    </div>
  );
}
