import type { Message, SendMessageRequest } from '@charla/contracts';
import { FileText, Lock, SendHorizontal } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { cn } from '../../lib/cn';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { useSession } from '../auth/require-auth';
import { CannedPicker } from './canned/canned-picker';
import { cannedValuesFor } from './canned/canned-text';
import { useCannedPicker } from './canned/use-canned-picker';
import { useSendMessage, useThread } from './inbox.api';
import { MentionPicker } from './notes/mention-picker';
import { useCreateNote } from './notes/notes.api';
import { useMentionPicker } from './notes/use-mention-picker';
import { type AttachDialog, type AttachKind, AttachMenu } from './outbound/attach-menu';
import { ContactDialog } from './outbound/contact-dialog';
import { InteractiveDialog } from './outbound/interactive-dialog';
import { LocationDialog } from './outbound/location-dialog';
import { MediaPreviewDialog } from './outbound/media-preview-dialog';
import { ReplyBar } from './outbound/reply-bar';
import { VoiceButton } from './outbound/voice-button';
import { TypingWarning } from './presence/presence-bar';
import { useTypingSignal } from './presence/use-presence-signals';
import { TemplatePickerDialog } from './templates/template-picker-dialog';
import { WindowClosedNotice } from './window-closed-notice';

/** WhatsApp's limit for a text message body. */
export const maxTextLength = 4096;
const counterFrom = maxTextLength - 596;
const maxHeightPx = 176;

type ComposerProps = {
  conversationId: string;
  onWindowClosed: () => void;
  /** The message being replied to (quote bar above the box), if any. */
  replyTo?: Message | null;
  onClearReply?: () => void;
  customerName?: string | null;
  /** Outside the 24-hour window a reply can only be a template; internal notes stay writable. */
  isWindowClosed?: boolean;
};

export function Composer({
  conversationId,
  onWindowClosed,
  replyTo = null,
  onClearReply,
  customerName = null,
  isWindowClosed = false,
}: ComposerProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const send = useSendMessage(conversationId);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<{ file: File; kind: AttachKind } | null>(null);
  const [dialog, setDialog] = useState<AttachDialog | null>(null);
  const [isRecording, setIsRecording] = useState(false);
  const [isNote, setIsNote] = useState(false);
  const isTemplateOnly = isWindowClosed && !isNote;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const createNote = useCreateNote(conversationId);
  const typing = useTypingSignal(conversationId);
  const session = useSession();
  const conversation = useThread(conversationId).data?.pages[0]?.conversation ?? null;
  const picker = useCannedPicker(
    text,
    cannedValuesFor(conversation, session.user.name, session.workspace.name),
    setText,
  );
  const [caret, setCaret] = useState(0);
  const [caretToSet, setCaretToSet] = useState<number | null>(null);
  const mentions = useMentionPicker({
    text,
    caret,
    isEnabled: isNote,
    onInsert: (next, nextCaret) => {
      setText(next);
      setCaret(nextCaret);
      setCaretToSet(nextCaret);
    },
  });
  // After a mention is inserted the caret goes right after it, not to the end of the draft.
  useEffect(() => {
    if (caretToSet === null) return;
    textareaRef.current?.setSelectionRange(caretToSet, caretToSet);
    setCaretToSet(null);
  }, [caretToSet]);
  const listbox = mentions.isOpen
    ? { id: 'mention-options', active: mentions.activeId && `mention-option-${mentions.activeId}` }
    : picker.isOpen
      ? { id: 'canned-options', active: picker.activeId && `canned-option-${picker.activeId}` }
      : null;

  const length = text.length;
  const isTooLong = length > maxTextLength;
  const canSend = text.trim().length > 0 && !isTooLong;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the text
  useLayoutEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight, maxHeightPx)}px`;
  }, [text]);

  /** Every kind of message goes out here, quoting the reply bar's message when there is one. */
  const sendRequest = async (request: SendMessageRequest): Promise<Message> => {
    const body = replyTo ? { ...request, replyToMessageId: replyTo.id } : request;
    try {
      const message = await send.mutateAsync(body);
      onClearReply?.();
      return message;
    } catch (error) {
      if (isApiError(error, 'window_closed')) onWindowClosed();
      throw error;
    }
  };

  const submit = () => {
    if (!canSend) return;
    typing.onSent();
    const body = text.trim();
    setText('');
    if (isNote) {
      createNote.mutateAsync({ body }).catch(() => {
        setText((current) => (current === '' ? body : current));
      });
      textareaRef.current?.focus();
      return;
    }
    sendRequest({ type: 'text', text: body }).catch(() => {
      // Give the words back unless the agent already started another message.
      setText((current) => (current === '' ? body : current));
    });
    textareaRef.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mentions.onKeyDown(event) || picker.onKeyDown(event)) {
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && replyTo) {
      onClearReply?.();
    }
  };

  // Dialogs and the recorder show their own send errors; one cancelled leaves no stale alert here.
  const showError =
    send.isError && !isApiError(send.error, 'window_closed') && !picked && !dialog && !isRecording;
  const closeDialog = () => {
    setDialog(null);
    setPicked(null);
    if (send.isError) send.reset();
    textareaRef.current?.focus();
  };

  return (
    <>
      <form onSubmit={onSubmit} className="flex flex-col gap-2">
        {isNote ? null : <TypingWarning conversationId={conversationId} />}
        {showError ? <Alert tone="error">{errorMessage(send.error)}</Alert> : null}
        {isNote && createNote.isError ? <Alert tone="error">{errorMessage(createNote.error)}</Alert> : null}
        {isTemplateOnly ? <WindowClosedNotice /> : null}
        {replyTo && !isTemplateOnly ? (
          <ReplyBar message={replyTo} customerName={customerName} onCancel={() => onClearReply?.()} />
        ) : null}
        <div className="flex items-end gap-1.5">
          {isRecording ? null : (
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className={cn(
                'size-11 shrink-0 rounded-full',
                isNote && 'bg-amber-100 text-amber-900 dark:bg-amber-900/50',
              )}
              aria-pressed={isNote}
              aria-label={t('notes.toggle')}
              title={t('notes.toggle')}
              data-testid="composer-note-toggle"
              onClick={() => {
                setIsNote((value) => !value);
                textareaRef.current?.focus();
              }}
            >
              <Lock aria-hidden className="size-5" />
            </Button>
          )}
          {isRecording || isNote || isTemplateOnly ? null : (
            <AttachMenu onFile={(file, kind) => setPicked({ file, kind })} onDialog={setDialog} />
          )}
          {isTemplateOnly ? (
            <Button
              className="h-11 flex-1 rounded-full"
              onClick={() => setDialog('template')}
              data-testid="composer-choose-template"
            >
              <FileText aria-hidden className="size-5" />
              {t('templates.composer.choose')}
            </Button>
          ) : null}
          <div className={cn('relative min-w-0 flex-1', (isRecording || isTemplateOnly) && 'hidden')}>
            <label htmlFor="composer" className="sr-only">
              {isNote ? t('notes.label') : t('inbox.composer.label')}
            </label>
            {mentions.isOpen ? (
              <MentionPicker
                items={mentions.items}
                activeIndex={mentions.activeIndex}
                isLoading={mentions.isLoading}
                onPick={mentions.pick}
                onHover={mentions.setActive}
              />
            ) : picker.isOpen ? (
              <CannedPicker
                items={picker.items}
                activeIndex={picker.activeIndex}
                isLoading={picker.isLoading}
                onPick={picker.pick}
                onHover={picker.setActive}
              />
            ) : null}
            <textarea
              id="composer"
              ref={textareaRef}
              data-testid="composer-input"
              rows={1}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setCaret(event.target.selectionStart);
                // A note is not a reply to the customer: only replies tell the others "typing".
                if (!isNote) typing.onType();
              }}
              onKeyDown={onKeyDown}
              onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
              placeholder={isNote ? t('notes.placeholder') : t('inbox.composer.placeholder')}
              aria-invalid={isTooLong}
              aria-controls={listbox?.id}
              aria-activedescendant={listbox?.active || undefined}
              aria-describedby="composer-help"
              className={cn(
                'block w-full resize-none rounded-2xl border border-neutral-200 bg-white px-4 py-2.5 text-[15px] leading-snug shadow-xs',
                'placeholder:text-neutral-400 focus:border-brand-600 focus:ring-3 focus:ring-brand-600/15 focus:outline-none',
                'dark:border-neutral-700 dark:bg-neutral-900 dark:placeholder:text-neutral-500',
                isTooLong && 'border-red-500 focus:border-red-500 focus:ring-red-500/15',
                isNote &&
                  'border-amber-300 bg-amber-50 focus:border-amber-500 focus:ring-amber-500/20 dark:border-amber-700 dark:bg-amber-950/60',
              )}
            />
          </div>
          {isTemplateOnly ? null : text.length > 0 || isNote ? (
            <Button
              type="submit"
              size="icon"
              className="size-11 rounded-full"
              disabled={!canSend}
              aria-label={isNote ? t('notes.add') : t('inbox.composer.send')}
              data-testid="composer-send"
            >
              <SendHorizontal aria-hidden className="size-5" />
            </Button>
          ) : (
            <VoiceButton
              conversationId={conversationId}
              onRecordingChange={setIsRecording}
              onSend={sendRequest}
            />
          )}
        </div>
        <div
          id="composer-help"
          className="flex justify-between gap-2 px-1 text-[11px] text-neutral-500 dark:text-neutral-400"
        >
          {isNote ? (
            <span className="flex items-center gap-1 font-medium text-amber-800 dark:text-amber-300">
              <Lock aria-hidden className="size-3" />
              {t('notes.onlyTeam')}
            </span>
          ) : isTemplateOnly ? null : (
            <span className="hidden sm:inline">{t('inbox.composer.hint')}</span>
          )}
          {length >= counterFrom ? (
            <span
              className={cn(
                'ml-auto tabular-nums',
                isTooLong && 'font-medium text-red-600 dark:text-red-400',
              )}
              data-testid="composer-counter"
            >
              {isTooLong
                ? t('inbox.composer.tooLong', { over: length - maxTextLength })
                : t('inbox.composer.counter', { length, max: maxTextLength })}
            </span>
          ) : null}
        </div>
      </form>
      {picked ? (
        <MediaPreviewDialog
          conversationId={conversationId}
          file={picked.file}
          kind={picked.kind}
          onSend={sendRequest}
          onClose={closeDialog}
        />
      ) : null}
      {dialog === 'location' ? <LocationDialog onSend={sendRequest} onClose={closeDialog} /> : null}
      {dialog === 'contact' ? <ContactDialog onSend={sendRequest} onClose={closeDialog} /> : null}
      {dialog === 'interactive' ? <InteractiveDialog onSend={sendRequest} onClose={closeDialog} /> : null}
      {dialog === 'template' ? (
        <TemplatePickerDialog conversationId={conversationId} onSend={sendRequest} onClose={closeDialog} />
      ) : null}
    </>
  );
}
