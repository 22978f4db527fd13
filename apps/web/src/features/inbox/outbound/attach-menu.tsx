import {
  FileText,
  Headphones,
  Image,
  LayoutList,
  MapPin,
  Paperclip,
  ScrollText,
  UserRound,
} from 'lucide-react';
import { type ChangeEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../../ui/dropdown-menu';

export type AttachKind = 'media' | 'document' | 'audio';
export type AttachDialog = 'location' | 'contact' | 'interactive' | 'template';

/** What WhatsApp accepts as a photo/video and as an audio file; documents may be anything. */
const accepts: Record<AttachKind, string | undefined> = {
  media: 'image/jpeg,image/png,video/mp4,video/3gpp',
  document: undefined,
  audio: 'audio/aac,audio/mp4,audio/mpeg,audio/amr,audio/ogg,.aac,.m4a,.mp3,.amr,.ogg,.opus',
};

type AttachMenuProps = {
  disabled?: boolean;
  onFile: (file: File, kind: AttachKind) => void;
  onDialog: (dialog: AttachDialog) => void;
};

/** 📎: photo/video, document, audio file, location, contact card, buttons/list. */
export function AttachMenu({ disabled, onFile, onDialog }: AttachMenuProps) {
  const { t } = useTranslation();
  const inputs = {
    media: useRef<HTMLInputElement>(null),
    document: useRef<HTMLInputElement>(null),
    audio: useRef<HTMLInputElement>(null),
  };

  const onChange = (kind: AttachKind) => (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Clear it so picking the same file again still fires a change.
    event.target.value = '';
    if (file) onFile(file, kind);
  };

  const fileItems = [
    {
      kind: 'media',
      testId: 'attach-media',
      icon: Image,
      color: 'bg-violet-500',
      label: t('inbox.attach.media'),
    },
    {
      kind: 'document',
      testId: 'attach-document',
      icon: FileText,
      color: 'bg-indigo-500',
      label: t('inbox.attach.document'),
    },
    {
      kind: 'audio',
      testId: 'attach-audio',
      icon: Headphones,
      color: 'bg-orange-500',
      label: t('inbox.attach.audio'),
    },
  ] as const;
  const dialogItems = [
    {
      dialog: 'location',
      testId: 'attach-location',
      icon: MapPin,
      color: 'bg-emerald-600',
      label: t('inbox.attach.location'),
    },
    {
      dialog: 'contact',
      testId: 'attach-contact',
      icon: UserRound,
      color: 'bg-sky-600',
      label: t('inbox.attach.contact'),
    },
    {
      dialog: 'interactive',
      testId: 'attach-interactive',
      icon: LayoutList,
      color: 'bg-brand-600',
      label: t('inbox.attach.interactive'),
    },
    {
      dialog: 'template',
      testId: 'attach-template',
      icon: ScrollText,
      color: 'bg-teal-600',
      label: t('templates.composer.attach'),
    },
  ] as const;

  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild disabled={disabled}>
          <Button
            variant="ghost"
            size="icon"
            className="size-11 rounded-full"
            aria-label={t('inbox.attach.open')}
            title={t('inbox.attach.open')}
            data-testid="composer-attach"
          >
            <Paperclip aria-hidden className="size-5" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent side="top" align="start" data-testid="attach-menu">
          {fileItems.map(({ kind, testId, icon: Icon, color, label }) => (
            <DropdownMenuItem key={kind} data-testid={testId} onSelect={() => inputs[kind].current?.click()}>
              <span className={`flex size-7 items-center justify-center rounded-full text-white ${color}`}>
                <Icon aria-hidden className="size-4" />
              </span>
              {label}
            </DropdownMenuItem>
          ))}
          {dialogItems.map(({ dialog, testId, icon: Icon, color, label }) => (
            <DropdownMenuItem key={dialog} data-testid={testId} onSelect={() => onDialog(dialog)}>
              <span className={`flex size-7 items-center justify-center rounded-full text-white ${color}`}>
                <Icon aria-hidden className="size-4" />
              </span>
              {label}
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      {fileItems.map(({ kind }) => (
        <input
          key={kind}
          ref={inputs[kind]}
          type="file"
          accept={accepts[kind]}
          className="hidden"
          tabIndex={-1}
          aria-hidden
          data-testid={`attach-input-${kind}`}
          onChange={onChange(kind)}
        />
      ))}
    </>
  );
}
