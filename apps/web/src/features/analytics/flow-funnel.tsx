import type { AutomationReport } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, chartColors, tooltipStyle } from './chart-theme';
import { formatCount } from './report-format';
import { ReportSection } from './report-section';

type Flow = AutomationReport['flows'][number];

/** A flow's steps from the start, as customers meet them: how many reached each, left there, wait there now. */
export function FlowFunnel({ flow }: { flow: Flow }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = flow.funnel.map((step, i) => ({
    ...step,
    label: `${i + 1}. ${t(`flows.node.${step.type}`, { defaultValue: step.type })}`,
  }));
  const reached = t('reports.columns.reached');
  const abandoned = t('reports.columns.abandoned');
  const waiting = t('reports.columns.waiting');
  const height = Math.max(160, data.length * 56 + 56);
  return (
    <ReportSection
      title={t('reports.automation.funnel', { name: flow.name })}
      hint={t('reports.automation.funnelHint', { count: flow.started })}
      testId="flow-funnel"
    >
      {data.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-neutral-500 dark:text-neutral-400">
          {t('reports.automation.noFunnel')}
        </p>
      ) : (
        <div className="px-2 pb-3 text-neutral-500 dark:text-neutral-400" style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={data}
              layout="vertical"
              margin={{ left: 8, right: 24, top: 4, bottom: 4 }}
              barGap={1}
            >
              <CartesianGrid horizontal={false} stroke={chartColors.grid} strokeOpacity={0.6} />
              <XAxis
                type="number"
                allowDecimals={false}
                tick={axisTick}
                stroke="currentColor"
                strokeOpacity={0.3}
              />
              <YAxis
                type="category"
                dataKey="label"
                width={120}
                tick={axisTick}
                stroke="currentColor"
                strokeOpacity={0.3}
                tickFormatter={(name: string) => (name.length > 18 ? `${name.slice(0, 17)}…` : name)}
              />
              <Tooltip
                {...tooltipStyle}
                cursor={{ fill: 'currentColor', fillOpacity: 0.06 }}
                formatter={(v) => formatCount(Number(v), lang)}
              />
              {/* In the order of the bars, not alphabetical. */}
              <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
              <Bar
                isAnimationActive={false}
                dataKey="reached"
                name={reached}
                fill={chartColors.inbound}
                radius={[0, 4, 4, 0]}
                maxBarSize={16}
              />
              <Bar
                isAnimationActive={false}
                dataKey="abandoned"
                name={abandoned}
                fill={chartColors.abandoned}
                radius={[0, 4, 4, 0]}
                maxBarSize={16}
              />
              <Bar
                isAnimationActive={false}
                dataKey="waiting"
                name={waiting}
                fill={chartColors.newContacts}
                radius={[0, 4, 4, 0]}
                maxBarSize={16}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </ReportSection>
  );
}
