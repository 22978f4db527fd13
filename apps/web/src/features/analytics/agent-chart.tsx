import type { PerformanceRow } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, chartColors, tooltipStyle } from './chart-theme';
import { formatDuration } from './report-format';
import { ReportSection } from './report-section';

/** Agents side by side: the median of their first responses, shortest on top. */
export function AgentChart({ agents }: { agents: PerformanceRow[] }) {
  const { t, i18n } = useTranslation();
  const data = agents
    .filter((a) => a.figures.firstResponse.medianMs !== null)
    .map((a) => ({
      name: a.name,
      ms: a.figures.firstResponse.medianMs ?? 0,
      minutes: Math.round(((a.figures.firstResponse.medianMs ?? 0) / 60_000) * 10) / 10,
    }))
    .sort((a, b) => a.ms - b.ms);
  if (data.length === 0) return null;
  const height = Math.max(140, data.length * 40 + 40);

  return (
    <ReportSection
      title={t('reports.agentChart.title')}
      hint={t('reports.agentChart.hint')}
      testId="agent-chart"
    >
      <div className="px-2 pb-3 text-neutral-500 dark:text-neutral-400" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 4, bottom: 4 }}>
            <CartesianGrid horizontal={false} stroke={chartColors.grid} strokeOpacity={0.6} />
            <XAxis type="number" tick={axisTick} stroke="currentColor" strokeOpacity={0.3} />
            <YAxis
              type="category"
              dataKey="name"
              width={96}
              tick={axisTick}
              stroke="currentColor"
              strokeOpacity={0.3}
              tickFormatter={(name: string) => (name.length > 14 ? `${name.slice(0, 13)}…` : name)}
            />
            <Tooltip
              {...tooltipStyle}
              cursor={{ fill: 'currentColor', fillOpacity: 0.06 }}
              formatter={(_value, _name, item) => [
                formatDuration((item.payload as { ms: number }).ms, i18n.language),
                t('reports.kpi.firstResponse'),
              ]}
            />
            <Bar
              isAnimationActive={false}
              dataKey="minutes"
              fill={chartColors.agent}
              radius={[0, 4, 4, 0]}
              maxBarSize={22}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ReportSection>
  );
}
