import type { VolumeReport } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { chartColors } from './chart-theme';
import { DailyChart } from './daily-chart';

type ChartProps = { days: VolumeReport['days']; csvName: string };

/** Messages received and sent per day. */
export function MessagesPerDay({ days, csvName }: ChartProps) {
  const { t } = useTranslation();
  return (
    <DailyChart
      kind="bar"
      days={days}
      series={[
        { key: 'inbound', name: t('reports.columns.inbound'), color: chartColors.inbound },
        { key: 'outbound', name: t('reports.columns.outbound'), color: chartColors.outbound },
      ]}
      title={t('reports.volume.perDay')}
      testId="messages-per-day"
      csvName={csvName}
    />
  );
}

/** Conversations (cycles started) and contacts writing for the first time, per day. */
export function ConversationsPerDay({ days, csvName }: ChartProps) {
  const { t } = useTranslation();
  return (
    <DailyChart
      kind="line"
      days={days}
      series={[
        { key: 'conversations', name: t('reports.columns.conversations'), color: chartColors.conversations },
        { key: 'newContacts', name: t('reports.columns.newContacts'), color: chartColors.newContacts },
      ]}
      title={t('reports.volume.conversationsPerDay')}
      testId="conversations-per-day"
      csvName={csvName}
    />
  );
}
