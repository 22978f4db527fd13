import type { SendMessageRequest } from '@charla/contracts';
import { FileText } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Dialog, DialogContent } from '../../../ui/dialog';
import { Textarea } from '../../../ui/input';
import { fileExtension, formatFileSize } from '../message-content/media-format';
import type { AttachKind } from './attach-menu';
import { UploadError, uploadMedia } from './upload-media';

const maxCaption = 1024;

type MediaPreviewDialogProps = {
  conversationId: string;
  file: File;
  kind: AttachKind;
  onSend: (request: SendMessageRequest) => Promise<unknown>;
  onClose: () => void;
};

function previewOf(file: File, kind: AttachKind): 'image' | 'video' | 'audio' | 'file' {
  if (kind === 'document') return 'file';
  const family = file.type.split('/')[0];
  return family === 'image' || family === 'video' || family === 'audio' ? family : 'file';
}

/** Look before sending: thumbnail or file card, a caption, then upload (with progress) and send. */
export function MediaPreviewDialog({ conversationId, file, kind, onSend, onClose }: MediaPreviewDialogProps) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const [caption, setCaption] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const url = useMemo(() => URL.createObjectURL(file), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  useEffect(() => () => abortRef.current?.abort(), []);

  const preview = previewOf(file, kind);
  const titles = {
    image: t('inbox.upload.titleImage'),
    video: t('inbox.upload.titleVideo'),
    audio: t('inbox.upload.titleAudio'),
    file: t('inbox.upload.titleFile'),
  };
  // WhatsApp shows no caption under audio.
  const hasCaption = preview !== 'audio';
  const isTooLong = caption.length > maxCaption;

  const uploadMessage = (cause: unknown): string => {
    if (!(cause instanceof UploadError)) return errorMessage(cause);
    const { failure } = cause;
    switch (failure.kind) {
      case 'refused':
        return failure.message || t('inbox.upload.tooLarge');
      case 'network':
        return t('errors.network');
      case 'windowClosed':
        return t('errors.window_closed');
      case 'unknown':
        return t('inbox.upload.failed', { status: failure.status });
    }
  };

  const send = async () => {
    setError(null);
    setProgress(0);
    const controller = new AbortController();
    abortRef.current = controller;
    try {
      const uploaded = await uploadMedia({
        conversationId,
        file,
        filename: file.name,
        onProgress: setProgress,
        signal: controller.signal,
      });
      const text = caption.trim();
      await onSend({ type: 'media', mediaId: uploaded.id, ...(hasCaption && text ? { caption: text } : {}) });
      onClose();
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') return;
      setError(uploadMessage(cause));
      setProgress(null);
    }
  };

  const meta = [fileExtension(file.name, file.type)?.toUpperCase(), formatFileSize(file.size, i18n.language)]
    .filter(Boolean)
    .join(' · ');
  const isBusy = progress !== null;

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent title={titles[preview]} size="lg">
        <div data-testid="media-preview" data-preview={preview} className="flex flex-col gap-3">
          {preview === 'image' ? (
            <img
              src={url}
              alt={file.name}
              className="max-h-80 w-full rounded-lg bg-neutral-100 object-contain dark:bg-neutral-800"
            />
          ) : null}
          {preview === 'video' ? (
            // biome-ignore lint/a11y/useMediaCaption: a preview of the agent's own file
            <video src={url} controls className="max-h-80 w-full rounded-lg bg-black" />
          ) : null}
          {preview === 'audio' ? (
            // biome-ignore lint/a11y/useMediaCaption: a preview of the agent's own file
            <audio src={url} controls className="w-full" />
          ) : null}
          <div className="flex items-center gap-3 rounded-lg bg-neutral-100 p-2.5 dark:bg-neutral-800">
            <span className="flex size-10 shrink-0 items-center justify-center rounded-md bg-indigo-500 text-white">
              <FileText aria-hidden className="size-5" />
            </span>
            <div className="min-w-0">
              <p className="truncate text-sm font-medium" title={file.name}>
                {file.name}
              </p>
              <p className="text-xs text-neutral-500 dark:text-neutral-400">{meta}</p>
            </div>
          </div>
          {hasCaption ? (
            <div className="flex flex-col gap-1">
              <label htmlFor="media-caption" className="sr-only">
                {t('inbox.upload.caption')}
              </label>
              <Textarea
                id="media-caption"
                data-testid="media-caption"
                rows={2}
                value={caption}
                placeholder={t('inbox.upload.caption')}
                onChange={(event) => setCaption(event.target.value)}
                aria-invalid={isTooLong}
                disabled={isBusy}
              />
              {caption.length > maxCaption - 200 ? (
                <p
                  className={`text-right text-xs tabular-nums ${isTooLong ? 'text-red-600' : 'text-neutral-500'}`}
                >
                  {caption.length} / {maxCaption}
                </p>
              ) : null}
            </div>
          ) : null}
          {error ? (
            <Alert tone="error">
              <span data-testid="upload-error">{error}</span>
            </Alert>
          ) : null}
          {isBusy ? (
            <div className="flex items-center gap-2 text-xs text-neutral-600 dark:text-neutral-400">
              <progress
                className="h-2 flex-1 accent-brand-600"
                max={1}
                value={progress}
                aria-label={t('inbox.upload.progress')}
                data-testid="upload-progress"
              />
              <span className="tabular-nums">{Math.round(progress * 100)}%</span>
            </div>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() => void send()}
              isLoading={isBusy}
              disabled={isTooLong}
              data-testid="media-send"
            >
              {t('inbox.composer.send')}
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
