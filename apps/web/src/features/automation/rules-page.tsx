import type { AutomationRule } from '@charla/contracts';
import { ArrowDown, ArrowUp, Bot, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatListTime } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button, buttonClasses } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { ConfirmDialog } from '../settings/confirm-dialog';
import { useDeleteRule, useReorderRules, useRules, useToggleRule } from './automation.api';
import { AutomationTabs } from './automation-tabs';
import { describeRule } from './rule-summary';
import { useRuleNames } from './use-rule-names';

/**
 * Automation: the workspace's rules in the order they run, each with its switch, what it does in
 * one sentence and how often it fired. Owners and admins change them; agents read them.
 */
export function RulesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const canEdit = canManageMembers(me.role);
  const rules = useRules();
  const reorder = useReorderRules();
  const errorMessage = useErrorMessage();
  const [deleting, setDeleting] = useState<AutomationRule | null>(null);
  const remove = useDeleteRule();

  const move = (index: number, by: -1 | 1) => {
    const ids = (rules.data ?? []).map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id as string);
    reorder.mutate(ids);
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4 md:p-6" data-testid="rules-page">
      <AutomationTabs />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold">{t('rules.title')}</h1>
          <p className="mt-0.5 max-w-2xl text-sm text-neutral-600 dark:text-neutral-400">
            {t('rules.subtitle')}
          </p>
        </div>
        {canEdit ? (
          <Link to="/automation/rules/new" className={buttonClasses('primary')} data-testid="rule-new">
            <Plus aria-hidden className="size-4" />
            {t('rules.new')}
          </Link>
        ) : null}
      </div>
      {canEdit ? null : (
        <p className="text-sm text-neutral-500 dark:text-neutral-400" data-testid="rules-read-only">
          {t('rules.readOnly')}
        </p>
      )}
      <Alert tone="info">{t('rules.rulesOfWhatsApp')}</Alert>
      {reorder.isError ? <Alert tone="error">{errorMessage(reorder.error)}</Alert> : null}
      {rules.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : rules.isError ? (
        <Alert tone="error">{errorMessage(rules.error)}</Alert>
      ) : rules.data.length === 0 ? (
        <EmptyState icon={Bot} title={t('rules.empty')} />
      ) : (
        <ol className="flex flex-col gap-3" data-testid="rules-list">
          {rules.data.map((rule, index) => (
            <RuleCard
              key={rule.id}
              rule={rule}
              index={index}
              count={rules.data.length}
              canEdit={canEdit}
              onMove={(by) => move(index, by)}
              onDelete={() => setDeleting(rule)}
              isMoving={reorder.isPending}
            />
          ))}
        </ol>
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? null : setDeleting(null))}
        title={t('rules.deleteTitle', { name: deleting?.name ?? '' })}
        body={t('rules.deleteBody')}
        submit={t('rules.delete')}
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => setDeleting(null),
          })
        }
      />
    </div>
  );
}

function RuleCard(props: {
  rule: AutomationRule;
  index: number;
  count: number;
  canEdit: boolean;
  isMoving: boolean;
  onMove(by: -1 | 1): void;
  onDelete(): void;
}) {
  const { t, i18n } = useTranslation();
  const { rule } = props;
  const toggle = useToggleRule();
  const errorMessage = useErrorMessage();
  const { names } = useRuleNames();
  const sentence = describeRule(rule, t, names);
  return (
    <li>
      <Card className="flex flex-col gap-3 p-4" data-testid={`rule-${rule.id}`}>
        <div className="flex flex-wrap items-start gap-3">
          <span className="mt-0.5 w-6 text-sm font-semibold text-neutral-400 tabular-nums">
            {props.index + 1}
          </span>
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="truncate font-medium" data-testid="rule-name">
                {rule.name}
              </h2>
              {rule.preset ? <Badge tone="blue">{t('rules.ready')}</Badge> : null}
              <Badge tone={rule.enabled ? 'green' : 'neutral'} data-testid="rule-state">
                {rule.enabled ? t('rules.on') : t('rules.off')}
              </Badge>
            </div>
            <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[5rem_1fr]">
              <dt className="font-medium text-neutral-500 dark:text-neutral-400">{t('rules.whenLabel')}</dt>
              <dd>{sentence.when}</dd>
              {sentence.conditions.length > 0 ? (
                <>
                  <dt className="font-medium text-neutral-500 dark:text-neutral-400">{t('rules.ifLabel')}</dt>
                  <dd>{sentence.conditions.join(' · ')}</dd>
                </>
              ) : null}
              <dt className="font-medium text-neutral-500 dark:text-neutral-400">{t('rules.thenLabel')}</dt>
              <dd className="break-words" data-testid="rule-actions">
                {sentence.actions.join(' · ')}
              </dd>
            </dl>
            <p className="mt-2 text-xs text-neutral-500 dark:text-neutral-400" data-testid="rule-fired">
              {rule.firedCount > 0
                ? `${t('rules.fired', { count: rule.firedCount })}${
                    rule.lastFiredAt
                      ? ` · ${t('rules.lastRun', { when: formatListTime(rule.lastFiredAt, new Date(), i18n.language) })}`
                      : ''
                  }`
                : t('rules.never')}
            </p>
          </div>
          <label className="flex cursor-pointer items-center gap-2 text-sm">
            <input
              type="checkbox"
              role="switch"
              aria-checked={rule.enabled}
              className="peer sr-only"
              checked={rule.enabled}
              disabled={!props.canEdit || toggle.isPending}
              onChange={(event) => toggle.mutate({ id: rule.id, enabled: event.target.checked })}
              aria-label={t('rules.toggle', { name: rule.name })}
              data-testid="rule-toggle"
            />
            <span
              aria-hidden
              className="relative h-6 w-11 rounded-full bg-neutral-300 transition peer-checked:bg-brand-600 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-disabled:opacity-50 after:absolute after:top-0.5 after:left-0.5 after:size-5 after:rounded-full after:bg-white after:shadow after:transition peer-checked:after:translate-x-5 dark:bg-neutral-700"
            />
          </label>
        </div>
        {toggle.isError ? <Alert tone="error">{errorMessage(toggle.error)}</Alert> : null}
        {props.canEdit ? (
          <div className="flex flex-wrap items-center justify-end gap-1 border-t border-neutral-100 pt-3 dark:border-neutral-800">
            <Button
              variant="ghost"
              size="icon"
              disabled={props.index === 0 || props.isMoving}
              onClick={() => props.onMove(-1)}
              aria-label={t('rules.moveUp', { name: rule.name })}
            >
              <ArrowUp aria-hidden className="size-4" />
            </Button>
            <Button
              variant="ghost"
              size="icon"
              disabled={props.index === props.count - 1 || props.isMoving}
              onClick={() => props.onMove(1)}
              aria-label={t('rules.moveDown', { name: rule.name })}
            >
              <ArrowDown aria-hidden className="size-4" />
            </Button>
            <Link
              to={`/automation/rules/${rule.id}`}
              className={buttonClasses('ghost', 'sm')}
              data-testid="rule-edit"
            >
              <Pencil aria-hidden className="size-4" />
              {t('rules.edit')}
            </Link>
            <Button variant="ghost" size="sm" onClick={props.onDelete} data-testid="rule-delete">
              <Trash2 aria-hidden className="size-4" />
              {t('rules.delete')}
            </Button>
          </div>
        ) : null}
      </Card>
    </li>
  );
}
