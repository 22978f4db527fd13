import { Paperclip, X } from 'lucide-react';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { Label } from '../../../ui/label';
import { UploadError, uploadMedia } from '../outbound/upload-media';

const accepts = {
  image: 'image/jpeg,image/png',
  video: 'video/mp4,video/3gpp',
  document: 'application/pdf',
} as const;

type HeaderMediaFieldProps = {
  conversationId: string;
  kind: keyof typeof accepts;
  mediaId: string | null;
  onChange: (mediaId: string | null) => void;
};

/** The photo, video or document a media-header template carries on this send. */
export function HeaderMediaField({ conversationId, kind, mediaId, onChange }: HeaderMediaFieldProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [filename, setFilename] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const uploaded = await uploadMedia({
        conversationId,
        file,
        filename: file.name,
        onProgress: setProgress,
      });
      setFilename(file.name);
      onChange(uploaded.id);
    } catch (failure) {
      setError(
        failure instanceof UploadError && failure.failure.kind === 'refused' && failure.failure.message
          ? failure.failure.message
          : t('templates.picker.uploadFailed'),
      );
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor="template-header-file">
        {t('templates.picker.headerFile', { kind: t(`templates.header.${kind}`) })}
      </Label>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          onClick={() => input.current?.click()}
          isLoading={progress !== null}
          data-testid="template-header-upload"
        >
          {progress === null ? <Paperclip aria-hidden className="size-4" /> : null}
          {progress !== null
            ? `${Math.round(progress * 100)} %`
            : mediaId
              ? t('templates.picker.replaceFile')
              : t('templates.picker.chooseFile')}
        </Button>
        {mediaId ? (
          <span className="flex min-w-0 items-center gap-1 text-sm text-neutral-700 dark:text-neutral-300">
            <span className="truncate">{filename ?? t('templates.picker.fileReady')}</span>
            <Button
              size="icon"
              variant="ghost"
              className="size-7"
              aria-label={t('templates.picker.removeFile')}
              onClick={() => onChange(null)}
            >
              <X aria-hidden className="size-4" />
            </Button>
          </span>
        ) : null}
      </div>
      <input
        id="template-header-file"
        ref={input}
        type="file"
        accept={accepts[kind]}
        className="hidden"
        tabIndex={-1}
        onChange={(event) => void onFile(event)}
      />
      {error ? <p className="text-xs text-red-600 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
