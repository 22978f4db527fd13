import type { UploadedMedia } from '@charla/contracts';
import { FileText, Film, Image, Upload } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/use-error-message';
import { Button } from '../../ui/button';
import { formatFileSize } from '../inbox/message-content/media-format';
import { UploadError, uploadHeaderSample } from '../inbox/outbound/upload-media';

export type SampleFormat = 'image' | 'video' | 'document';

export type HeaderFileTexts = { choose: string; uploading: string; attached: string; failed: string };
const SAMPLE_TEXTS: HeaderFileTexts = {
  choose: 'templates.editor.sampleChoose',
  uploading: 'templates.editor.sampleUploading',
  attached: 'templates.editor.sampleAttached',
  failed: 'templates.editor.sampleFailed',
};

/** What Meta reviews as a header's sample (the server checks the same; this only filters the picker). */
const accepted: Record<SampleFormat, string> = {
  image: 'image/jpeg,image/png',
  video: 'video/mp4',
  document: 'application/pdf',
};
const icons = { image: Image, video: Film, document: FileText } as const;

/**
 * Picks and uploads the sample file of a media header; shows what is attached and lets it be
 * replaced. `sample` describes `mediaId` when it was uploaded here (a saved template only has
 * the id).
 */
export function HeaderSampleField({
  format,
  mediaId,
  sample,
  onUploaded,
  error,
  isReadOnly,
  texts = SAMPLE_TEXTS,
}: {
  format: SampleFormat;
  mediaId: string | null;
  sample: UploadedMedia | null;
  onUploaded: (sample: UploadedMedia) => void;
  /** The rules' error (no sample yet), or the server's about the sample. */
  error: string | null;
  isReadOnly: boolean;
  /** The i18n keys of its words: a broadcast's header file is not a sample for review. */
  texts?: HeaderFileTexts;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [isUploading, setIsUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);

  const refusal = (cause: unknown): string => {
    if (!(cause instanceof UploadError)) return errorMessage(cause);
    const { failure } = cause;
    switch (failure.kind) {
      case 'refused':
        return failure.message || t('templates.editor.sampleTooLarge');
      case 'network':
        return t('errors.network');
      default:
        return t(texts.failed, { status: 'status' in failure ? failure.status : 0 });
    }
  };

  const onPick = async (file: File | undefined) => {
    if (!file) return;
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setUploadError(null);
    setIsUploading(true);
    try {
      onUploaded(
        await uploadHeaderSample({ kind: format, file, filename: file.name, signal: controller.signal }),
      );
    } catch (cause) {
      if (!controller.signal.aborted) setUploadError(refusal(cause));
    } finally {
      if (abortRef.current === controller) setIsUploading(false);
    }
  };

  const Icon = icons[format];
  const shown = sample && sample.id === mediaId ? sample : null;
  const message = uploadError ?? error;
  return (
    <div className="flex flex-col gap-2" data-testid="template-header-sample">
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        accept={accepted[format]}
        className="sr-only"
        tabIndex={-1}
        disabled={isReadOnly || isUploading}
        aria-label={t(texts.choose)}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // The same file picked again after a refusal must fire again.
          event.target.value = '';
          void onPick(file);
        }}
        data-testid="template-header-sample-input"
      />
      {mediaId ? (
        <div
          className="flex items-center gap-3 rounded-lg border border-neutral-200 bg-white px-3 py-2 dark:border-neutral-700 dark:bg-neutral-900"
          data-testid="template-header-sample-file"
        >
          <Icon aria-hidden className="size-5 shrink-0 text-neutral-500" />
          <div className="min-w-0 flex-1 text-sm">
            <p className="truncate font-medium text-neutral-900 dark:text-neutral-100">
              {shown?.filename ?? t(texts.attached)}
            </p>
            {shown ? (
              <p className="text-xs text-neutral-500">{formatFileSize(shown.size, i18n.language)}</p>
            ) : null}
          </div>
          {isReadOnly ? null : (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => inputRef.current?.click()}
              isLoading={isUploading}
              data-testid="template-header-sample-replace"
            >
              {t('templates.editor.sampleReplace')}
            </Button>
          )}
        </div>
      ) : isReadOnly ? null : (
        <div>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => inputRef.current?.click()}
            isLoading={isUploading}
            data-testid="template-header-sample-choose"
          >
            <Upload aria-hidden className="size-4" />
            {isUploading ? t(texts.uploading) : t(texts.choose)}
          </Button>
        </div>
      )}
      {message ? (
        <p
          role="alert"
          className="text-xs text-red-700 dark:text-red-400"
          data-testid="template-header-sample-error"
        >
          {message}
        </p>
      ) : null}
    </div>
  );
}
