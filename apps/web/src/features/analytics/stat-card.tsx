import type { ReactNode } from 'react';
import { Card } from '../../ui/card';
import { ChangeIndicator } from './change-indicator';
import type { Change } from './report-format';

type StatCardProps = {
  label: string;
  value: string;
  change?: Change;
  detail?: ReactNode;
  testId?: string;
};

/** One figure of the period, with its change against the period before. */
export function StatCard({ label, value, change, detail, testId }: StatCardProps) {
  return (
    <Card className="flex min-w-0 flex-col gap-1 px-4 py-3" data-testid={testId}>
      <p className="truncate text-xs font-medium text-neutral-500 dark:text-neutral-400" title={label}>
        {label}
      </p>
      <div className="flex flex-wrap items-baseline justify-between gap-x-2 gap-y-1">
        <p
          className="text-2xl font-semibold tracking-tight text-neutral-900 tabular-nums dark:text-neutral-50"
          data-testid={testId ? `${testId}-value` : undefined}
        >
          {value}
        </p>
        {change ? <ChangeIndicator change={change} /> : null}
      </div>
      {detail ? <p className="text-xs text-neutral-500 dark:text-neutral-400">{detail}</p> : null}
    </Card>
  );
}
