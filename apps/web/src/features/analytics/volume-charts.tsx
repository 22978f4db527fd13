import type { VolumeReport } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { axisTick, chartColors, tooltipStyle } from './chart-theme';
import { formatCount } from './report-format';
import { ReportSection } from './report-section';

type Day = VolumeReport['days'][number];

export function dayFormat(language: string, style: 'axis' | 'full') {
  const format = new Intl.DateTimeFormat(
    language,
    style === 'axis'
      ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
      : { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' },
  );
  // `YYYY-MM-DD` is a day of the report's zone: read at UTC midnight it stays that day.
  return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
}

type ChartProps = { days: Day[]; csvName: string };

/** Messages received and sent per day. */
export function MessagesPerDay({ days, csvName }: ChartProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const axis = dayFormat(lang, 'axis');
  const full = dayFormat(lang, 'full');
  const inbound = t('reports.columns.inbound');
  const outbound = t('reports.columns.outbound');
  return (
    <ReportSection
      title={t('reports.volume.perDay')}
      testId="messages-per-day"
      csv={{
        filename: csvName,
        header: () => [t('reports.columns.date'), inbound, outbound],
        rows: () => days.map((d) => [d.date, d.inbound, d.outbound]),
      }}
    >
      <div className="h-64 px-2 pb-3 text-neutral-500 dark:text-neutral-400">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ left: 0, right: 12, top: 4, bottom: 4 }}>
            <CartesianGrid vertical={false} stroke={chartColors.grid} strokeOpacity={0.6} />
            <XAxis
              dataKey="date"
              tickFormatter={axis}
              tick={axisTick}
              stroke="currentColor"
              strokeOpacity={0.3}
              minTickGap={16}
            />
            <YAxis
              allowDecimals={false}
              width={36}
              tick={axisTick}
              stroke="currentColor"
              strokeOpacity={0.3}
            />
            <Tooltip
              {...tooltipStyle}
              cursor={{ fill: 'currentColor', fillOpacity: 0.06 }}
              labelFormatter={(d) => full(String(d))}
              formatter={(v) => formatCount(Number(v), lang)}
            />
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
            <Bar
              isAnimationActive={false}
              dataKey="inbound"
              name={inbound}
              fill={chartColors.inbound}
              radius={[3, 3, 0, 0]}
              maxBarSize={18}
            />
            <Bar
              isAnimationActive={false}
              dataKey="outbound"
              name={outbound}
              fill={chartColors.outbound}
              radius={[3, 3, 0, 0]}
              maxBarSize={18}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ReportSection>
  );
}

/** Conversations (cycles started) and contacts writing for the first time, per day. */
export function ConversationsPerDay({ days, csvName }: ChartProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const axis = dayFormat(lang, 'axis');
  const full = dayFormat(lang, 'full');
  const conversations = t('reports.columns.conversations');
  const newContacts = t('reports.columns.newContacts');
  return (
    <ReportSection
      title={t('reports.volume.conversationsPerDay')}
      testId="conversations-per-day"
      csv={{
        filename: csvName,
        header: () => [t('reports.columns.date'), conversations, newContacts],
        rows: () => days.map((d) => [d.date, d.conversations, d.newContacts]),
      }}
    >
      <div className="h-64 px-2 pb-3 text-neutral-500 dark:text-neutral-400">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={days} margin={{ left: 0, right: 12, top: 4, bottom: 4 }}>
            <CartesianGrid vertical={false} stroke={chartColors.grid} strokeOpacity={0.6} />
            <XAxis
              dataKey="date"
              tickFormatter={axis}
              tick={axisTick}
              stroke="currentColor"
              strokeOpacity={0.3}
              minTickGap={16}
            />
            <YAxis
              allowDecimals={false}
              width={36}
              tick={axisTick}
              stroke="currentColor"
              strokeOpacity={0.3}
            />
            <Tooltip
              {...tooltipStyle}
              labelFormatter={(d) => full(String(d))}
              formatter={(v) => formatCount(Number(v), lang)}
            />
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
            <Line
              isAnimationActive={false}
              type="monotone"
              dataKey="conversations"
              name={conversations}
              stroke={chartColors.conversations}
              strokeWidth={2}
              dot={false}
            />
            <Line
              isAnimationActive={false}
              type="monotone"
              dataKey="newContacts"
              name={newContacts}
              stroke={chartColors.newContacts}
              strokeWidth={2}
              dot={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ReportSection>
  );
}
