import { Ban } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { translatedUnsupportedKinds } from './unsupported-kinds';

/**
 * Something WhatsApp would not hand over (a poll, an edit...): said plainly, never dropped. Known
 * kinds are said in the reader's language; others keep the server's reason.
 */
export function UnsupportedNote({ kind, reason }: { kind: string | null; reason: string }) {
  const { t } = useTranslation();
  const sentence =
    kind && translatedUnsupportedKinds.includes(kind)
      ? t(`inbox.unsupported.${kind}`)
      : reason.trim() || t('inbox.message.nonText', { type: kind ?? '?' });
  return (
    <p
      data-testid="unsupported-note"
      data-kind={kind ?? undefined}
      className="flex items-start gap-1.5 text-sm text-neutral-600 italic dark:text-neutral-300"
    >
      <Ban aria-hidden className="mt-0.5 size-4 shrink-0 text-neutral-400" />
      <span className="[overflow-wrap:anywhere]">{sentence}</span>
    </p>
  );
}
