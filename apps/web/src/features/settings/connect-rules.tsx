import { Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** Read before pasting anything: what moving a real number onto the WhatsApp Business Platform means. */
export function ConnectRules() {
  const { t } = useTranslation();
  return (
    <section
      data-testid="connect-rules"
      aria-labelledby="connect-rules-title"
      className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <h3 id="connect-rules-title" className="flex items-center gap-1.5 font-medium">
        <Info aria-hidden className="size-4 shrink-0" />
        {t('connectRules.title')}
      </h3>
      <ul className="mt-1.5 list-disc space-y-1 pl-5">
        <li>{t('connectRules.leavesApp')}</li>
        <li>{t('connectRules.oldChats')}</li>
        <li>{t('connectRules.oneProvider')}</li>
      </ul>
    </section>
  );
}
