import type { VolumeReport, VolumeTotals } from '@charla/contracts';
import { MessagesSquare } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { ChangeIndicator } from './change-indicator';
import { HeatMap } from './heat-map';
import { compare, type Direction, formatCount, formatShare } from './report-format';
import { ReportSection } from './report-section';
import { SortableTable } from './sortable-table';
import { StatCard } from './stat-card';
import { ConversationsPerDay, MessagesPerDay } from './volume-charts';

type VolumeViewProps = { report: VolumeReport; timeZone: string; fileSuffix: string };

/** How much customers write and when, per number, and who sends what back (owners and admins). */
export function VolumeView({ report, timeZone, fileSuffix }: VolumeViewProps) {
  const { t } = useTranslation();
  const { totals } = report;
  if (totals.inbound + totals.outbound + totals.conversations === 0) {
    return (
      <Card>
        <EmptyState
          icon={MessagesSquare}
          title={t('reports.emptyVolume.title')}
          description={t('reports.emptyVolume.body')}
        />
      </Card>
    );
  }
  const csvName = (name: string) => `${name}-${fileSuffix}.csv`;
  return (
    <div className="flex flex-col gap-4" data-testid="volume-view">
      <Totals report={report} />
      <div className="grid min-w-0 gap-4 lg:grid-cols-2">
        <MessagesPerDay days={report.days} csvName={csvName(t('reports.volume.perDay').toLowerCase())} />
        <ConversationsPerDay
          days={report.days}
          csvName={csvName(t('reports.volume.conversationsPerDay').toLowerCase())}
        />
      </div>
      <HeatMap
        heatmap={report.heatmap}
        timeZone={timeZone}
        csvName={csvName(t('reports.volume.heatmap').toLowerCase())}
      />
      <ByNumber report={report} csvName={csvName(t('reports.volume.byNumber').toLowerCase())} />
    </div>
  );
}

const otherOutbound = (v: VolumeTotals) => Math.max(0, v.outbound - v.outboundByPeople - v.outboundAutomated);

function Totals({ report }: { report: VolumeReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cur = report.totals;
  const prev = report.previousTotals;
  const card = (id: keyof VolumeTotals, label: string, direction: Direction, detail?: string) => (
    <StatCard
      key={id}
      testId={`volume-${id}`}
      label={label}
      value={formatCount(cur[id], lang)}
      change={compare(cur[id], prev[id], direction)}
      detail={detail}
    />
  );
  const split = [
    {
      id: 'people',
      label: t('reports.volume.byPeople'),
      value: cur.outboundByPeople,
      before: prev.outboundByPeople,
    },
    {
      id: 'automated',
      label: t('reports.volume.automated'),
      value: cur.outboundAutomated,
      before: prev.outboundAutomated,
    },
    { id: 'other', label: t('reports.volume.other'), value: otherOutbound(cur), before: otherOutbound(prev) },
  ];
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="volume-totals">
        {card('inbound', t('reports.volume.inbound'), 'neutral')}
        {card('outbound', t('reports.volume.outbound'), 'neutral')}
        {card('conversations', t('reports.volume.conversations'), 'neutral')}
        {card('newContacts', t('reports.volume.newContacts'), 'higherIsBetter')}
        {card('returningContacts', t('reports.volume.returningContacts'), 'higherIsBetter')}
        {card(
          'fromAds',
          t('reports.volume.fromAds'),
          'higherIsBetter',
          t('reports.volume.fromAdsShare', { share: formatShare(cur.fromAds, cur.conversations, lang) }),
        )}
      </div>
      <Card className="px-4 py-3" data-testid="outbound-split">
        <p className="text-xs font-medium text-neutral-500 dark:text-neutral-400">
          {t('reports.volume.outboundSplit')}
        </p>
        <div
          className="mt-2 flex h-2 overflow-hidden rounded-full bg-neutral-100 dark:bg-neutral-800"
          aria-hidden
        >
          {split.map((s, i) => (
            <span
              key={s.id}
              className={['bg-brand-500', 'bg-sky-500', 'bg-amber-400'][i]}
              style={{ width: `${cur.outbound > 0 ? (100 * s.value) / cur.outbound : 0}%` }}
            />
          ))}
        </div>
        <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3">
          {split.map((s, i) => (
            <div key={s.id} className="flex flex-col gap-1" data-testid={`outbound-${s.id}`}>
              <p className="flex items-center gap-1.5 text-xs text-neutral-600 dark:text-neutral-300">
                <span
                  className={`size-2 rounded-full ${['bg-brand-500', 'bg-sky-500', 'bg-amber-400'][i]}`}
                />
                {s.label}
              </p>
              <div className="flex flex-wrap items-baseline gap-2">
                <span className="text-lg font-semibold tabular-nums">{formatCount(s.value, lang)}</span>
                <span className="text-xs text-neutral-500 dark:text-neutral-400">
                  {t('reports.volume.shareOf', { share: formatShare(s.value, cur.outbound, lang) })}
                </span>
                <ChangeOf value={s.value} before={s.before} />
              </div>
            </div>
          ))}
        </div>
      </Card>
    </div>
  );
}

function ChangeOf({ value, before }: { value: number; before: number }) {
  return <ChangeIndicator change={compare(value, before, 'neutral')} />;
}

type NumberRow = VolumeReport['byNumber'][number];

function ByNumber({ report, csvName }: { report: VolumeReport; csvName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const header = [t('reports.columns.number'), t('reports.columns.inbound'), t('reports.columns.outbound')];
  return (
    <ReportSection
      title={t('reports.volume.byNumber')}
      testId="by-number"
      csv={{
        filename: csvName,
        header: () => header,
        rows: () => report.byNumber.map((n) => [n.name, n.inbound, n.outbound]),
      }}
    >
      <SortableTable<NumberRow>
        testId="numbers"
        rows={report.byNumber}
        rowKey={(n) => n.channelId}
        initialSort={{ id: 'inbound', desc: true }}
        columns={[
          { id: 'name', header: header[0] ?? '', sortValue: (n) => n.name, render: (n) => n.name },
          {
            id: 'inbound',
            header: header[1] ?? '',
            sortValue: (n) => n.inbound,
            isNumeric: true,
            render: (n) => formatCount(n.inbound, lang),
          },
          {
            id: 'outbound',
            header: header[2] ?? '',
            sortValue: (n) => n.outbound,
            isNumeric: true,
            render: (n) => formatCount(n.outbound, lang),
          },
        ]}
      />
    </ReportSection>
  );
}
