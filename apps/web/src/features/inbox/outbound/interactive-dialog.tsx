import type { SendMessageRequest } from '@charla/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Dialog, DialogContent } from '../../../ui/dialog';
import { InteractiveCard } from '../message-content/interactive-card';
import { CountedField } from './counted-field';
import { ButtonsFields, CtaFields, ListFields } from './interactive-fields';
import {
  emptyInteractiveDraft,
  type InteractiveDraft,
  type InteractiveKind,
  type InteractiveProblem,
  interactiveLimits as limits,
  toInteractive,
  validateInteractive,
} from './interactive-limits';

type InteractiveDialogProps = {
  onSend: (request: SendMessageRequest) => Promise<unknown>;
  onClose: () => void;
};

/** Problems the agent should see while typing; "missing" ones wait for the first Send. */
const isLiveProblem = (problem: InteractiveProblem) =>
  problem.code !== 'required' && problem.code !== 'noRows';

/** Reply buttons, a list or a link button, with WhatsApp's limits checked as you type and a preview. */
export function InteractiveDialog({ onSend, onClose }: InteractiveDialogProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState<InteractiveDraft>(() => emptyInteractiveDraft());
  const [isSubmitted, setIsSubmitted] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);

  const problems = validateInteractive(draft).filter((p) => isSubmitted || isLiveProblem(p));
  const describe = (problem: InteractiveProblem): string => {
    switch (problem.code) {
      case 'required':
        return t('auth.required');
      case 'tooLong':
        return t('inbox.interactive.tooLong', { max: problem.values?.max ?? 0 });
      case 'duplicate':
        return t('inbox.interactive.duplicate');
      case 'tooManyButtons':
        return t('inbox.interactive.buttonsMax');
      case 'noRows':
        return t('inbox.interactive.noRows');
      case 'tooManyRows':
        return t('inbox.interactive.tooManyRows', { max: limits.rows });
      case 'notHttps':
        return t('inbox.interactive.notHttps');
      default:
        return t('errors.validation_failed');
    }
  };
  const errorOf = (field: string) => {
    const problem = problems.find((p) => p.field === field);
    return problem ? describe(problem) : null;
  };

  const kinds: Array<{ kind: InteractiveKind; label: string }> = [
    { kind: 'buttons', label: t('inbox.interactive.kindButtons') },
    { kind: 'list', label: t('inbox.interactive.kindList') },
    { kind: 'cta_url', label: t('inbox.interactive.kindCta') },
  ];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitted(true);
    if (validateInteractive(draft).length > 0) return;
    setIsSending(true);
    setSendError(null);
    try {
      await onSend({ type: 'interactive', interactive: toInteractive(draft) });
      onClose();
    } catch (cause) {
      setSendError(errorMessage(cause));
    } finally {
      setIsSending(false);
    }
  };

  const preview = toInteractive(draft);

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent
        title={t('inbox.interactive.title')}
        description={t('inbox.interactive.intro')}
        size="xl"
      >
        <form
          onSubmit={(event) => void onSubmit(event)}
          noValidate
          data-testid="interactive-dialog"
          className="grid gap-6 md:grid-cols-[minmax(0,1fr)_18rem]"
        >
          <div className="flex min-w-0 flex-col gap-4">
            <div
              role="radiogroup"
              aria-label={t('inbox.interactive.kind')}
              className="flex gap-1 rounded-lg bg-neutral-100 p-1 dark:bg-neutral-800"
            >
              {kinds.map(({ kind, label }) => (
                // biome-ignore lint/a11y/useSemanticElements: a segmented control, styled as buttons
                <button
                  key={kind}
                  type="button"
                  role="radio"
                  aria-checked={draft.kind === kind}
                  data-testid={`interactive-kind-${kind}`}
                  onClick={() => setDraft({ ...draft, kind })}
                  className={cn(
                    'flex-1 rounded-md px-2 py-1.5 text-sm font-medium text-neutral-600 dark:text-neutral-300',
                    draft.kind === kind &&
                      'bg-white text-neutral-900 shadow-xs dark:bg-neutral-700 dark:text-neutral-50',
                  )}
                >
                  {label}
                </button>
              ))}
            </div>
            <CountedField
              id="interactive-header"
              label={t('inbox.interactive.header')}
              isOptional
              value={draft.header}
              max={limits.header}
              onChange={(header) => setDraft({ ...draft, header })}
              error={errorOf('header')}
            />
            <CountedField
              id="interactive-body"
              testId="interactive-body"
              label={t('inbox.interactive.body')}
              isMultiline
              value={draft.body}
              max={limits.body}
              onChange={(body) => setDraft({ ...draft, body })}
              error={errorOf('body')}
            />
            <CountedField
              id="interactive-footer"
              label={t('inbox.interactive.footer')}
              isOptional
              value={draft.footer}
              max={limits.footer}
              onChange={(footer) => setDraft({ ...draft, footer })}
              error={errorOf('footer')}
            />
            {draft.kind === 'buttons' ? (
              <ButtonsFields draft={draft} onChange={setDraft} errorOf={errorOf} />
            ) : null}
            {draft.kind === 'list' ? (
              <ListFields draft={draft} onChange={setDraft} errorOf={errorOf} />
            ) : null}
            {draft.kind === 'cta_url' ? (
              <CtaFields draft={draft} onChange={setDraft} errorOf={errorOf} />
            ) : null}
          </div>
          <div className="flex flex-col gap-3">
            <p className="text-sm font-medium">{t('inbox.interactive.preview')}</p>
            <div className="rounded-xl bg-[#efeae2] p-3 dark:bg-neutral-950">
              <div className="w-fit max-w-full rounded-xl rounded-tr-sm bg-bubble-out px-2.5 pt-1.5 pb-1 text-[15px] shadow-xs dark:bg-bubble-out-dark">
                <InteractiveCard interactive={{ ...preview, body: preview.body || '…' }} />
              </div>
            </div>
            {isSubmitted && problems.length > 0 ? (
              <Alert tone="error">{t('inbox.interactive.fix')}</Alert>
            ) : null}
            {sendError ? <Alert tone="error">{sendError}</Alert> : null}
            <div className="mt-auto flex justify-end gap-2">
              <Button variant="secondary" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" isLoading={isSending} data-testid="interactive-send">
                {t('inbox.composer.send')}
              </Button>
            </div>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
