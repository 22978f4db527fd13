import type { EnrollResult } from '@charla/contracts';
import { UserMinus, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatListTime } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { useContacts } from '../contacts/contacts.api';
import { useCancelEnrollment, useEnroll, useEnrollments } from './sequences.api';

/** Who is in the sequence, and enrolling more: contacts found by name or phone, or a whole tag. */
export function SequenceEnrolCard(props: { sequenceId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const enrollments = useEnrollments(props.sequenceId);
  const enroll = useEnroll(props.sequenceId);
  const cancel = useCancelEnrollment(props.sequenceId);
  const errorMessage = useErrorMessage();
  const [q, setQ] = useState('');
  const [tag, setTag] = useState('');
  const [result, setResult] = useState<EnrollResult | null>(null);
  const found = useContacts(q.trim());
  const matches = q.trim() ? (found.data?.pages.flatMap((p) => p.items) ?? []).slice(0, 8) : [];
  const onDone = { onSuccess: (r: EnrollResult) => setResult(r) };
  return (
    <Card className="flex max-w-3xl flex-col gap-4 p-4" data-testid="sequence-enrol">
      {props.canEdit ? (
        <>
          <h2 className="font-medium">{t('sequences.enroll.title')}</h2>
          <Field id="enrol-search" label={t('sequences.enroll.search')}>
            <Input
              id="enrol-search"
              value={q}
              placeholder={t('sequences.enroll.searchPlaceholder')}
              onChange={(e) => setQ(e.target.value)}
              data-testid="sequence-enrol-search"
            />
          </Field>
          {matches.length > 0 ? (
            <ul className="flex flex-col divide-y divide-neutral-100 dark:divide-neutral-800">
              {matches.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-2 py-1.5 text-sm">
                  <span className="truncate">
                    {c.name ?? c.profileName ?? c.phone} <span className="text-neutral-500">{c.phone}</span>
                  </span>
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={enroll.isPending}
                    onClick={() => enroll.mutate({ contactIds: [c.id] }, onDone)}
                    data-testid="sequence-enrol-contact"
                  >
                    <UserPlus aria-hidden className="size-4" />
                    {t('sequences.enroll.pick')}
                  </Button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
            <Field id="enrol-tag" label={t('sequences.enroll.byTag')}>
              <Input
                id="enrol-tag"
                value={tag}
                placeholder={t('sequences.enroll.tagPlaceholder')}
                onChange={(e) => setTag(e.target.value)}
              />
            </Field>
            <Button
              variant="secondary"
              disabled={!tag.trim() || enroll.isPending}
              onClick={() => enroll.mutate({ tag: tag.trim() }, onDone)}
            >
              {t('sequences.enroll.enrollTag')}
            </Button>
          </div>
          {result ? (
            <Alert tone="info">
              <span data-testid="sequence-enrol-result">
                {t('sequences.enroll.result', {
                  enrolled: result.enrolled,
                  already: result.alreadyEnrolled,
                  optedOut: result.optedOut,
                })}
              </span>
            </Alert>
          ) : null}
          {enroll.isError ? <Alert tone="error">{errorMessage(enroll.error)}</Alert> : null}
        </>
      ) : null}
      <h2 className="font-medium">{t('sequences.enroll.list')}</h2>
      {cancel.isError ? <Alert tone="error">{errorMessage(cancel.error)}</Alert> : null}
      {(enrollments.data ?? []).length === 0 ? (
        <p className="text-sm text-neutral-500 dark:text-neutral-400">{t('sequences.enroll.none')}</p>
      ) : (
        <ul
          className="flex flex-col divide-y divide-neutral-100 dark:divide-neutral-800"
          data-testid="sequence-enrollments"
        >
          {(enrollments.data ?? []).map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
              <span className="min-w-0 flex-1 truncate">
                {e.contact.name ?? e.contact.phone}{' '}
                <span className="text-neutral-500 dark:text-neutral-400">{e.contact.phone}</span>
              </span>
              <Badge tone={e.status === 'active' ? 'green' : 'neutral'}>
                {t(`sequences.enroll.status.${e.status}`)}
                {e.stopReason && e.status !== 'cancelled'
                  ? ` · ${t(`sequences.enroll.reason.${e.stopReason}`)}`
                  : ''}
              </Badge>
              {e.status === 'active' && e.nextAt ? (
                <span className="text-xs text-neutral-500 dark:text-neutral-400">
                  {t('sequences.enroll.nextAt', {
                    step: e.step + 1,
                    time: formatListTime(e.nextAt, new Date(), i18n.language),
                  })}
                </span>
              ) : null}
              {e.skipped.length > 0 ? (
                <span className="text-xs text-amber-700 dark:text-amber-400">
                  {t('sequences.enroll.skipped', { count: e.skipped.length })}
                </span>
              ) : null}
              {props.canEdit && e.status === 'active' ? (
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={cancel.isPending}
                  onClick={() => cancel.mutate(e.id)}
                  aria-label={t('sequences.enroll.cancel')}
                >
                  <UserMinus aria-hidden className="size-4" />
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
