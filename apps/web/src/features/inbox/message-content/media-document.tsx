import type { Media } from '@charla/contracts';
import {
  Download,
  File,
  FileArchive,
  FileAudio,
  FileImage,
  FileSpreadsheet,
  FileText,
  FileVideo,
  type LucideIcon,
  Presentation,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { type FileKind, fileExtension, fileKind, formatFileSize } from './media-format';
import { MediaUnavailable } from './media-state';
import { readyMediaUrl } from './media-url';
import { Caption } from './message-text';

const icons: Record<FileKind, { icon: LucideIcon; color: string }> = {
  pdf: { icon: FileText, color: 'bg-red-500' },
  word: { icon: FileText, color: 'bg-blue-600' },
  sheet: { icon: FileSpreadsheet, color: 'bg-green-600' },
  slides: { icon: Presentation, color: 'bg-orange-500' },
  archive: { icon: FileArchive, color: 'bg-amber-600' },
  image: { icon: FileImage, color: 'bg-violet-500' },
  audio: { icon: FileAudio, color: 'bg-pink-500' },
  video: { icon: FileVideo, color: 'bg-sky-600' },
  text: { icon: FileText, color: 'bg-neutral-500' },
  other: { icon: File, color: 'bg-neutral-500' },
};

/** A file card like WhatsApp's: icon by type, name, "PDF · 1.2 MB", and a download link. */
export function MediaDocument({ media, caption }: { media: Media; caption: string | null }) {
  const { t, i18n } = useTranslation();
  const src = readyMediaUrl(media);
  const { icon: Icon, color } = icons[fileKind(media.filename, media.mimeType)];
  const name = media.filename ?? t('inbox.media.document');
  const meta = [
    fileExtension(media.filename, media.mimeType)?.toUpperCase(),
    formatFileSize(media.size, i18n.language),
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div className="w-72 max-w-full">
      <div
        data-testid="media-document"
        className="flex items-center gap-3 rounded-lg bg-black/[0.04] p-2.5 dark:bg-white/[0.06]"
      >
        <span
          className={cn('flex size-10 shrink-0 items-center justify-center rounded-md text-white', color)}
        >
          <Icon aria-hidden className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="line-clamp-2 text-sm font-medium [overflow-wrap:anywhere]" title={name}>
            {name}
          </p>
          {meta ? <p className="text-xs text-neutral-500 dark:text-neutral-400">{meta}</p> : null}
        </div>
        {src ? (
          <a
            href={src}
            download={media.filename ?? ''}
            data-testid="media-download"
            aria-label={`${t('inbox.media.download')}: ${name}`}
            title={t('inbox.media.download')}
            className="flex size-9 shrink-0 items-center justify-center rounded-full border border-neutral-300 text-neutral-600 hover:bg-black/5 dark:border-neutral-600 dark:text-neutral-300 dark:hover:bg-white/10"
          >
            <Download aria-hidden className="size-4" />
          </a>
        ) : null}
      </div>
      {media.state !== 'ready' ? <MediaUnavailable media={media} className="mt-1 min-h-0 py-2" /> : null}
      <Caption text={caption} />
    </div>
  );
}
