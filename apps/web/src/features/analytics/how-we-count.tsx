import { Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../ui/card';

const DEFINITIONS = [
  'cycle',
  'response',
  'firstResponse',
  'responseTime',
  'resolution',
  'queueWait',
  'expired',
  'time',
  'stats',
] as const;

/** The definition of every figure, as the contracts write them, in the page's language. */
export function HowWeCount() {
  const { t } = useTranslation();
  return (
    <Card className="px-4 py-3" data-testid="how-we-count">
      <details>
        <summary className="flex cursor-pointer list-none items-center gap-2 text-sm font-semibold">
          <Info aria-hidden className="size-4 text-brand-600 dark:text-brand-400" />
          {t('reports.howWeCount.title')}
        </summary>
        <ul className="mt-3 flex list-disc flex-col gap-1.5 pl-5 text-sm text-neutral-600 dark:text-neutral-300">
          {DEFINITIONS.map((id) => (
            <li key={id}>{t(`reports.howWeCount.${id}`)}</li>
          ))}
        </ul>
      </details>
    </Card>
  );
}
