import type { RuleTrigger } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/use-error-message';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';

type ScheduleTrigger = Extract<RuleTrigger, { type: 'schedule' }>;

/** Monday first (0) to Sunday (6), as business hours. */
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

/** A schedule's days, time and zone (empty: the workspace's business-hours zone). */
export function RuleScheduleFields(props: {
  trigger: ScheduleTrigger;
  onChange(t: RuleTrigger): void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const { trigger } = props;
  const daysError = fieldError(props.error, 'trigger.weekdays');
  return (
    <div className="flex flex-col gap-3">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1.5 text-sm font-medium">{t('rules.editor.scheduleDays')}</legend>
        <div className="flex flex-wrap gap-3" data-testid="rule-schedule-weekdays">
          {WEEKDAYS.map((d) => (
            <label key={d} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={trigger.weekdays.includes(d)}
                onChange={(e) =>
                  props.onChange({
                    ...trigger,
                    weekdays: e.target.checked
                      ? [...trigger.weekdays, d].sort()
                      : trigger.weekdays.filter((x) => x !== d),
                  })
                }
              />
              {t(`businessHours.days.${d}`)}
            </label>
          ))}
        </div>
        {daysError ? <p className="text-xs text-red-600 dark:text-red-400">{daysError}</p> : null}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id="rule-schedule-time"
          label={t('rules.editor.scheduleTime')}
          error={fieldError(props.error, 'trigger.time')}
        >
          <Input
            id="rule-schedule-time"
            type="time"
            value={trigger.time}
            onChange={(e) => props.onChange({ ...trigger, time: e.target.value })}
            data-testid="rule-schedule-time"
          />
        </Field>
        <Field
          id="rule-schedule-zone"
          label={t('rules.editor.scheduleZone')}
          hint={t('rules.editor.scheduleZoneHint')}
          error={fieldError(props.error, 'trigger.timeZone')}
        >
          <Input
            id="rule-schedule-zone"
            value={trigger.timeZone ?? ''}
            placeholder="Europe/Madrid"
            onChange={(e) => props.onChange({ ...trigger, timeZone: e.target.value.trim() || null })}
          />
        </Field>
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('rules.editor.scheduleHint')}</p>
    </div>
  );
}
