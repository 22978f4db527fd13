import { type MediaInfo, RULE_VARIABLES, type RuleMessage } from '@charla/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FileText, Upload } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useErrorMessage } from '../../lib/use-error-message';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Select, Textarea } from '../../ui/input';
import { formatFileSize } from '../inbox/message-content/media-format';
import { UploadError, uploadChannelFile } from '../inbox/outbound/upload-media';
import { useChannels } from '../settings/settings.api';

export type FileMessage = Extract<RuleMessage, { type: 'media' }>;

const infoKey = (id: string) => ['automation', 'file', id] as const;

/** Text or a file: the choice above an automatic message's fields (a file starts empty). */
export function MessageKindChoice(props: {
  id: string;
  isFile: boolean;
  onChange(message: RuleMessage): void;
}) {
  const { t } = useTranslation();
  return (
    <Field id={props.id} label={t('automation.file.kind')}>
      <Select
        id={props.id}
        value={props.isFile ? 'file' : 'text'}
        onChange={(e) =>
          props.onChange(
            e.target.value === 'file'
              ? { type: 'media', mediaId: '', caption: '' }
              : { type: 'text', text: '' },
          )
        }
        data-testid="automatic-message-kind"
      >
        <option value="text">{t('automation.file.kindText')}</option>
        <option value="file">{t('automation.file.kindFile')}</option>
      </Select>
    </Field>
  );
}

/**
 * An automatic message's file: uploaded here for one number (WhatsApp's files belong to the number
 * that sends them), shown with its name, kind, size and number, and its caption with variables.
 * `numbers`: the numbers the message may go out on (empty: any of the workspace).
 */
export function AutomaticFileFields(props: {
  idPrefix: string;
  /** As the editor holds it: a sequence's draft may leave the caption out. */
  message: { type: 'media'; mediaId: string; caption?: string };
  numbers: string[];
  problem(path: '' | '.mediaId' | '.caption'): string | null | undefined;
  onChange(message: FileMessage): void;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const offered = (channels.data ?? []).filter(
    (c) => props.numbers.length === 0 || props.numbers.includes(c.id),
  );
  const [channelId, setChannelId] = useState('');
  const [isUploading, setIsUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const { mediaId } = props.message;
  const caption = props.message.caption ?? '';
  const info = useQuery({
    queryKey: infoKey(mediaId),
    queryFn: ({ signal }) => api.get<MediaInfo>(`/api/media/${encodeURIComponent(mediaId)}/info`, signal),
    enabled: mediaId !== '',
    retry: false,
  });
  const file = info.data;
  const target = offered.find((c) => c.id === channelId) ?? offered[0];
  const numberName = (id: string | null) => {
    const c = channels.data?.find((x) => x.id === id);
    return c ? `${c.name} (${c.displayPhoneNumber})` : '';
  };

  const onPick = async (picked: File | undefined) => {
    if (!picked || !target) return;
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setUploadError(null);
    setIsUploading(true);
    try {
      const uploaded = await uploadChannelFile({
        channelId: target.id,
        file: picked,
        filename: picked.name,
        signal: controller.signal,
      });
      queryClient.setQueryData<MediaInfo>(infoKey(uploaded.id), { ...uploaded, channelId: target.id });
      const isAudio = uploaded.kind === 'audio';
      props.onChange({ type: 'media', mediaId: uploaded.id, caption: isAudio ? '' : caption });
    } catch (cause) {
      if (controller.signal.aborted) return;
      if (!(cause instanceof UploadError)) setUploadError(errorMessage(cause));
      else if (cause.failure.kind === 'refused')
        setUploadError(cause.failure.message || t('automation.file.tooLarge'));
      else if (cause.failure.kind === 'network') setUploadError(t('errors.network'));
      else
        setUploadError(
          t('automation.file.failed', { status: 'status' in cause.failure ? cause.failure.status : 0 }),
        );
    } finally {
      if (abortRef.current === controller) setIsUploading(false);
    }
  };

  const id = (name: string) => `${props.idPrefix}-file-${name}`;
  const fileProblem = uploadError ?? props.problem('.mediaId') ?? props.problem('');
  return (
    <div className="flex flex-col gap-2" data-testid="automatic-file">
      {offered.length > 1 ? (
        <Field
          id={id('number')}
          label={t('automation.file.number')}
          hint={t('automation.file.numberHint', { number: numberName(target?.id ?? null) })}
        >
          <Select id={id('number')} value={target?.id ?? ''} onChange={(e) => setChannelId(e.target.value)}>
            {offered.map((c) => (
              <option key={c.id} value={c.id}>
                {numberName(c.id)}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <input
        ref={inputRef}
        type="file"
        accept="image/jpeg,image/png,video/mp4,video/3gpp,audio/*,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt"
        className="sr-only"
        tabIndex={-1}
        disabled={isUploading || !target}
        aria-label={t('automation.file.choose')}
        onChange={(event) => {
          const picked = event.target.files?.[0];
          // The same file picked again after a refusal must fire again.
          event.target.value = '';
          void onPick(picked);
        }}
        data-testid="automatic-file-input"
      />
      <div className="flex items-center gap-3 rounded-lg border border-neutral-200 bg-white px-3 py-2 dark:border-neutral-700 dark:bg-neutral-900">
        <FileText aria-hidden className="size-5 shrink-0 text-neutral-500" />
        <div className="min-w-0 flex-1 text-sm" data-testid="automatic-file-info">
          {file ? (
            <>
              <p className="truncate font-medium text-neutral-900 dark:text-neutral-100">
                {file.filename ?? file.mimeType}
              </p>
              <p className="text-xs text-neutral-500">
                {[file.mimeType, formatFileSize(file.size, i18n.language)].filter(Boolean).join(' · ')}
              </p>
              <p className="text-xs text-neutral-500">
                {file.channelId
                  ? t('automation.file.uploadedFor', { number: numberName(file.channelId) })
                  : t('automation.file.workspaceFile')}
              </p>
            </>
          ) : (
            <p className="text-neutral-500">
              {mediaId && info.isError ? t('automation.file.gone') : t('automation.file.none')}
            </p>
          )}
        </div>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => inputRef.current?.click()}
          isLoading={isUploading}
          disabled={!target}
          data-testid="automatic-file-choose"
        >
          <Upload aria-hidden className="size-4" />
          {isUploading
            ? t('automation.file.uploading')
            : mediaId
              ? t('automation.file.replace')
              : t('automation.file.choose')}
        </Button>
      </div>
      {fileProblem ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {fileProblem}
        </p>
      ) : null}
      {file?.kind === 'audio' ? (
        <p className="text-xs text-neutral-500">{t('automation.file.noCaption')}</p>
      ) : (
        <Field
          id={id('caption')}
          label={t('automation.file.caption')}
          hint={t('sequences.editor.variablesHint', {
            list: RULE_VARIABLES.map((v) => `{{${v}}}`).join(' '),
          })}
          error={props.problem('.caption') ?? undefined}
        >
          <Textarea
            id={id('caption')}
            rows={2}
            maxLength={1024}
            value={caption}
            onChange={(e) => props.onChange({ type: 'media', mediaId, caption: e.target.value })}
            data-testid="automatic-file-caption"
          />
        </Field>
      )}
    </div>
  );
}
