import type { BroadcastAction, Channel, CreateBroadcastRequest } from '@charla/contracts';
import { CalendarClock, Send } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { cn } from '../../../lib/cn';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Dialog, DialogClose, DialogContent } from '../../../ui/dialog';
import { Field } from '../../../ui/field';
import { Input } from '../../../ui/input';
import { buildAudience } from '../audience-conditions';
import { useCreateBroadcast, useUpdateBroadcast } from '../broadcasts.api';
import { defaultScheduleSlot, formatInZone, zonedToUtc, zoneHint } from '../schedule-time';
import { NumberLimitsSummary } from './number-limits-summary';
import type { StepProps } from './wizard-state';
import { scheduleProblem } from './wizard-state';

export function StepSchedule({
  state,
  change,
  ctx,
  editId,
  channel,
}: StepProps & { channel: Channel | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const created = useCreateBroadcast();
  const updated = useUpdateBroadcast(editId ?? '');
  const create = editId ? updated : created;
  const [isConfirming, setIsConfirming] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);
  const eligible = ctx.preview?.eligible ?? 0;
  const problem = scheduleProblem(state, ctx);
  const at = state.when === 'later' ? zonedToUtc(state.date, state.time, ctx.timeZone) : null;

  const submit = (action: BroadcastAction) => {
    const built = buildAudience(state.audience, ctx.definitions);
    if (!('audience' in built) || !ctx.template || !state.variables) return;
    const body: CreateBroadcastRequest = {
      name: state.name.trim(),
      channelId: state.channelId,
      templateId: ctx.template.id,
      audience: built.audience,
      variables: state.variables,
      scheduledAt: action === 'schedule' && at ? at.toISOString() : null,
      action,
    };
    create.mutate(body, { onSuccess: (broadcast) => navigate(`/broadcasts/${broadcast.id}`) });
  };
  const pickLater = () => {
    const slot = state.date
      ? { date: state.date, time: state.time }
      : defaultScheduleSlot(ctx.now, ctx.timeZone);
    change({ when: 'later', ...slot });
  };

  return (
    <div className="flex flex-col gap-5">
      <fieldset className="grid gap-2 sm:grid-cols-2">
        <legend className="sr-only">{t('broadcasts.schedule.when')}</legend>
        <WhenOption
          isSelected={state.when === 'now'}
          onPick={() => change({ when: 'now' })}
          icon={Send}
          title={t('broadcasts.schedule.now')}
          body={t('broadcasts.schedule.nowBody')}
          testId="when-now"
        />
        <WhenOption
          isSelected={state.when === 'later'}
          onPick={pickLater}
          icon={CalendarClock}
          title={t('broadcasts.schedule.later')}
          body={t('broadcasts.schedule.laterBody')}
          testId="when-later"
        />
      </fieldset>
      {state.when === 'later' ? (
        <div className="flex flex-col gap-2">
          <div className="grid grid-cols-2 gap-3 sm:max-w-md">
            <Field id="schedule-date" label={t('broadcasts.schedule.date')}>
              <Input
                id="schedule-date"
                type="date"
                value={state.date}
                onChange={(e) => change({ date: e.target.value })}
              />
            </Field>
            <Field id="schedule-time" label={t('broadcasts.schedule.time')}>
              <Input
                id="schedule-time"
                type="time"
                value={state.time}
                onChange={(e) => change({ time: e.target.value })}
              />
            </Field>
          </div>
          <p className="text-xs text-neutral-500 dark:text-neutral-400" data-testid="schedule-zone">
            {ctx.timeZone === 'UTC'
              ? t('broadcasts.schedule.zoneUtc')
              : t('broadcasts.schedule.zone', zoneHint(ctx.timeZone, at ?? ctx.now))}
          </p>
          {problem ? (
            <p className="text-sm text-red-600 dark:text-red-400">
              {t(`broadcasts.wizard.blocked.${problem}`)}
            </p>
          ) : null}
        </div>
      ) : null}

      <section
        className="rounded-xl border border-neutral-200 p-4 dark:border-neutral-800"
        data-testid="broadcast-summary"
      >
        <h3 className="mb-3 text-sm font-semibold">{t('broadcasts.schedule.summary')}</h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-neutral-500 dark:text-neutral-400">{t('broadcasts.schedule.name')}</dt>
          <dd className="break-words">{state.name}</dd>
          <dt className="text-neutral-500 dark:text-neutral-400">{t('broadcasts.schedule.number')}</dt>
          <dd>{channel ? `${channel.name} · ${channel.displayPhoneNumber}` : '—'}</dd>
          <dt className="text-neutral-500 dark:text-neutral-400">{t('broadcasts.schedule.template')}</dt>
          <dd className="break-all">{ctx.template?.name}</dd>
          <dt className="text-neutral-500 dark:text-neutral-400">{t('broadcasts.schedule.recipients')}</dt>
          <dd className="font-semibold tabular-nums" data-testid="summary-recipients">
            {number.format(eligible)}
          </dd>
          <dt className="text-neutral-500 dark:text-neutral-400">{t('broadcasts.schedule.start')}</dt>
          <dd>
            {state.when === 'now' || !at
              ? t('broadcasts.schedule.rightAway')
              : formatInZone(at.toISOString(), i18n.language, ctx.timeZone)}
          </dd>
        </dl>
        <NumberLimitsSummary channel={channel} recipients={eligible} />
      </section>

      {create.isError ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button
          variant="secondary"
          onClick={() => submit('draft')}
          disabled={create.isPending}
          data-testid="save-draft"
        >
          {t('broadcasts.schedule.saveDraft')}
        </Button>
        {state.when === 'now' ? (
          <Button
            onClick={() => setIsConfirming(true)}
            disabled={eligible === 0 || create.isPending}
            data-testid="send-now"
          >
            <Send aria-hidden className="size-4" />
            {t('broadcasts.schedule.sendNow', { count: eligible, n: number.format(eligible) })}
          </Button>
        ) : (
          <Button
            onClick={() => submit('schedule')}
            disabled={problem !== null || eligible === 0}
            isLoading={create.isPending}
            data-testid="schedule-submit"
          >
            <CalendarClock aria-hidden className="size-4" />
            {t('broadcasts.schedule.schedule')}
          </Button>
        )}
      </div>
      <Dialog open={isConfirming} onOpenChange={setIsConfirming}>
        <DialogContent
          title={t('broadcasts.schedule.confirmTitle', { count: eligible, n: number.format(eligible) })}
          description={t('broadcasts.schedule.confirmBody')}
        >
          {create.isError ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
          <div className="mt-2 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{t('common.cancel')}</Button>
            </DialogClose>
            <Button
              onClick={() => submit('send_now')}
              isLoading={create.isPending}
              data-testid="confirm-send"
            >
              {t('broadcasts.schedule.confirm')}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </div>
  );
}

function WhenOption(props: {
  isSelected: boolean;
  onPick: () => void;
  icon: typeof Send;
  title: string;
  body: string;
  testId: string;
}) {
  const { icon: Icon } = props;
  return (
    <label
      data-testid={props.testId}
      className={cn(
        'flex cursor-pointer gap-3 rounded-lg border p-3 text-left has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600',
        props.isSelected
          ? 'border-brand-600 bg-brand-50 ring-1 ring-brand-600 dark:bg-brand-950'
          : 'border-neutral-200 hover:bg-neutral-50 dark:border-neutral-800 dark:hover:bg-neutral-800/50',
      )}
    >
      <input
        type="radio"
        name="broadcast-when"
        className="sr-only"
        checked={props.isSelected}
        onChange={props.onPick}
      />
      <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-600" />
      <span>
        <span className="block text-sm font-medium">{props.title}</span>
        <span className="block text-xs text-neutral-600 dark:text-neutral-400">{props.body}</span>
      </span>
    </label>
  );
}
