import { SquareTerminal } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../copy-button';

/** A read-only value to copy (an address, a secret): its label, the text selected on focus, a copy button. */
export function CopyField(props: { id: string; label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={props.id} className="text-sm font-medium text-neutral-800 dark:text-neutral-200">
        {props.label}
      </label>
      <div className="flex gap-2">
        <input
          id={props.id}
          readOnly
          value={props.value}
          spellCheck={false}
          onFocus={(event) => event.target.select()}
          className="h-10 w-full min-w-0 rounded-lg border border-neutral-300 bg-neutral-50 px-3 font-mono text-sm text-neutral-900 focus:border-brand-600 focus:ring-3 focus:ring-brand-600/15 focus:outline-none dark:border-neutral-700 dark:bg-neutral-950 dark:text-neutral-100"
          data-testid={props.testId}
        />
        <CopyButton
          text={props.value}
          label={t('integrations.secret.copy')}
          copiedLabel={t('integrations.secret.copied')}
          testId={`${props.testId}-copy`}
          fallbackId={props.id}
        />
      </div>
    </div>
  );
}

/** A command on a dark terminal-like block, with a button to copy it. */
export function CommandBlock(props: { command: string; testId: string; footer?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-hidden rounded-lg bg-neutral-900 dark:bg-black">
      <div className="flex items-center justify-between gap-2 border-b border-neutral-700/70 py-1.5 pr-1.5 pl-3.5">
        <span className="flex items-center gap-1.5 text-xs font-medium text-neutral-400">
          <SquareTerminal aria-hidden className="size-3.5" />
          {t('integrations.secret.terminal')}
        </span>
        <CopyButton
          text={props.command}
          label={t('integrations.secret.copyCommand')}
          copiedLabel={t('integrations.secret.copied')}
          testId={`${props.testId}-copy`}
          onDark
        />
      </div>
      <pre
        className="overflow-x-auto px-3.5 py-3 font-mono text-xs leading-relaxed text-neutral-100"
        data-testid={props.testId}
      >
        {props.command}
      </pre>
      {props.footer}
    </div>
  );
}

/** The HMAC alternative to the secret header: a sentence and the header, whole, on its own line. */
export function HmacNote() {
  const { t } = useTranslation();
  return (
    <div
      className="flex flex-col gap-1 text-xs leading-5 text-neutral-600 dark:text-neutral-400"
      data-testid="trigger-hmac-note"
    >
      <p>{t('integrations.secret.hmac')}</p>
      <code className="self-start rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-[11px] break-words text-neutral-800 dark:bg-neutral-800 dark:text-neutral-200">
        {t('integrations.secret.hmacHeader')}
      </code>
    </div>
  );
}
