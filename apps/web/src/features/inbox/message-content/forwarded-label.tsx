import { Forward } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** WhatsApp's "Forwarded" line; "many times" marks chain messages. */
export function ForwardedLabel({ forwarded }: { forwarded: 'once' | 'frequently' }) {
  const { t } = useTranslation();
  return (
    <p
      data-testid="forwarded-label"
      data-forwarded={forwarded}
      className="mb-0.5 flex items-center gap-1 text-xs text-neutral-500 italic dark:text-neutral-400"
    >
      <Forward aria-hidden className="size-3.5" />
      {forwarded === 'frequently' ? t('inbox.message.forwardedMany') : t('inbox.message.forwarded')}
    </p>
  );
}
