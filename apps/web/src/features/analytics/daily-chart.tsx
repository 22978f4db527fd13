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

/** One figure drawn per day: its field of each day, its name in the legend and CSV, its colour. */
export interface DailySeries<K extends string> {
  key: K;
  name: string;
  color: string;
}

/**
 * A report's figures per day as bars side by side (`bar`) or lines (`line`), with the day's date
 * on the axis and in the tooltip, and the same figures as a CSV (the date, then each series).
 */
export function DailyChart<K extends string>(props: {
  kind: 'bar' | 'line';
  days: ({ date: string } & Record<K, number>)[];
  series: DailySeries<K>[];
  title: string;
  hint?: string;
  testId: string;
  csvName: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const full = dayFormat(lang, 'full');
  const { days, series } = props;
  const Chart = props.kind === 'bar' ? BarChart : LineChart;
  return (
    <ReportSection
      title={props.title}
      {...(props.hint !== undefined && { hint: props.hint })}
      testId={props.testId}
      csv={{
        filename: props.csvName,
        header: () => [t('reports.columns.date'), ...series.map((s) => s.name)],
        rows: () => days.map((d) => [d.date, ...series.map((s) => d[s.key])]),
      }}
    >
      <div className="h-64 px-2 pb-3 text-neutral-500 dark:text-neutral-400">
        <ResponsiveContainer width="100%" height="100%">
          <Chart
            data={days}
            margin={{ left: 0, right: 12, top: 4, bottom: 4 }}
            {...(props.kind === 'bar' && { barGap: 2 })}
          >
            <CartesianGrid vertical={false} stroke={chartColors.grid} strokeOpacity={0.6} />
            <XAxis
              dataKey="date"
              tickFormatter={dayFormat(lang, 'axis')}
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
              {...(props.kind === 'bar' && { cursor: { fill: 'currentColor', fillOpacity: 0.06 } })}
              labelFormatter={(d) => full(String(d))}
              formatter={(v) => formatCount(Number(v), lang)}
            />
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) =>
              props.kind === 'bar' ? (
                <Bar
                  key={s.key}
                  isAnimationActive={false}
                  dataKey={s.key}
                  name={s.name}
                  fill={s.color}
                  radius={[3, 3, 0, 0]}
                  maxBarSize={18}
                />
              ) : (
                <Line
                  key={s.key}
                  isAnimationActive={false}
                  type="monotone"
                  dataKey={s.key}
                  name={s.name}
                  stroke={s.color}
                  strokeWidth={2}
                  dot={false}
                />
              ),
            )}
          </Chart>
        </ResponsiveContainer>
      </div>
    </ReportSection>
  );
}
