import { useTranslation } from 'react-i18next';
import { formatCount } from './report-format';
import { ReportSection } from './report-section';

/** Weekday names, Monday first, in the page's language (1 January 2024 was a Monday). */
export function weekdayNames(language: string, width: 'short' | 'long'): string[] {
  const format = new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => {
    const name = format.format(new Date(Date.UTC(2024, 0, 1 + i)));
    return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
  });
}

function hourLabel(hour: number, language: string): string {
  const english = language.startsWith('en');
  return new Intl.DateTimeFormat(language, {
    hour: 'numeric',
    hourCycle: english ? 'h12' : 'h23',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2024, 0, 1, hour)));
}

type HeatMapProps = { heatmap: number[][]; timeZone: string; csvName: string };

/** A 7 × 24 grid of customer messages: darker cells are busier hours. */
export function HeatMap({ heatmap, timeZone, csvName }: HeatMapProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const days = weekdayNames(lang, 'short');
  const longDays = weekdayNames(lang, 'long');
  const max = Math.max(1, ...heatmap.flat());
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return (
    <ReportSection
      title={t('reports.volume.heatmap')}
      hint={t('reports.volume.heatmapHint', { tz: timeZone })}
      testId="heatmap"
      csv={{
        filename: csvName,
        header: () => [t('reports.volume.days'), ...hours.map((h) => hourLabel(h, lang))],
        rows: () => heatmap.map((row, d) => [longDays[d] ?? '', ...row]),
      }}
    >
      <div className="overflow-x-auto px-4 pb-4">
        <table className="border-separate border-spacing-0.5 text-[10px] text-neutral-500 dark:text-neutral-400">
          <thead>
            <tr>
              <th scope="col" className="w-10" />
              {hours.map((h) => (
                <th key={h} scope="col" className="w-6 min-w-6 text-center font-normal">
                  {h % 3 === 0 ? hourLabel(h, lang) : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heatmap.map((row, d) => (
              <tr key={longDays[d]} data-testid="heatmap-row">
                <th scope="row" className="pr-2 text-left text-xs font-medium whitespace-nowrap">
                  {days[d]}
                </th>
                {hours.map((h) => {
                  const count = row[h] ?? 0;
                  const label = t('reports.volume.heatmapCell', {
                    day: longDays[d],
                    hour: hourLabel(h, lang),
                    count: formatCount(count, lang) as never,
                  });
                  return (
                    <td
                      key={h}
                      title={label}
                      aria-label={label}
                      className="h-6 w-6 min-w-6 rounded-[3px] bg-neutral-100 dark:bg-neutral-800"
                      style={
                        count > 0
                          ? {
                              backgroundColor: `color-mix(in oklab, var(--color-brand-500) ${Math.round(
                                15 + (85 * count) / max,
                              )}%, transparent)`,
                            }
                          : undefined
                      }
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-3 flex items-center gap-1.5 text-xs text-neutral-500 dark:text-neutral-400">
          {t('reports.volume.less')}
          {[15, 36, 57, 78, 100].map((p) => (
            <span
              key={p}
              aria-hidden
              className="size-3 rounded-[3px]"
              style={{ backgroundColor: `color-mix(in oklab, var(--color-brand-500) ${p}%, transparent)` }}
            />
          ))}
          {t('reports.volume.more')}
        </div>
      </div>
    </ReportSection>
  );
}
