import { Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../ui/card';

const GENERAL = [
  'cycle',
  'response',
  'firstResponse',
  'responseTime',
  'resolution',
  'queueWait',
  'expired',
  'online',
  'time',
  'stats',
] as const;

/** The definitions each tab's figures need, as docs/reports.md gives them. */
const DEFINITIONS = {
  performance: GENERAL,
  volume: GENERAL,
  sla: ['slaTargets', 'slaFirstResponse', 'slaResolution', 'slaMet', 'slaAtRisk', 'time'],
  campaigns: [
    'broadcasts',
    'sent',
    'replied',
    'failed',
    'optedOut',
    'rates',
    'templates',
    'ranking',
    'campaignDays',
  ],
  automation: ['fired', 'flowSessions', 'funnel', 'sequences'],
  csat: ['csatAsked', 'csatScores', 'csatAnswers'],
} as const;

type View = keyof typeof DEFINITIONS;

/** The definition of every figure on the tab, as the contracts write them, in the page's language. */
export function HowWeCount({ view }: { view: View }) {
  const { t } = useTranslation();
  return (
    <Card className="px-4 py-3" data-testid="how-we-count">
      <details>
        <summary className="flex cursor-pointer list-none items-center gap-2 text-sm font-semibold">
          <Info aria-hidden className="size-4 text-brand-600 dark:text-brand-400" />
          {t('reports.howWeCount.title')}
        </summary>
        <ul className="mt-3 flex list-disc flex-col gap-1.5 pl-5 text-sm text-neutral-600 dark:text-neutral-300">
          {DEFINITIONS[view].map((id) => (
            <li key={id} data-testid={`definition-${id}`}>
              {t(`reports.howWeCount.${id}`)}
            </li>
          ))}
        </ul>
      </details>
    </Card>
  );
}
